package org.titansync.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.titansync.config.SyncConfig.Email;

/** Reads {@code [email]}, with the TITAN_SYNC_SMTP_PASSWORD override. */
final class EmailSection {
  static final List<String> SEND_ON_WORDS =
      List.of("changes", "held", "failed", "errors", "always");

  private EmailSection() {}

  static Email read(ConfigReader reader, ConfigEnvironment env) {
    boolean enabled = reader.bool("email", "enabled", false);
    boolean ssl = reader.bool("email", "ssl", false);
    // ssl means TLS from the first byte (port 465); starttls upgrades a plain connection (587).
    boolean starttls = reader.bool("email", "starttls", !ssl);
    if (ssl && starttls) {
      reader.problem(
          List.of("email", "starttls"),
          "cannot be true together with email.ssl = true; use ssl (usually port 465) or starttls"
              + " (usually port 587)");
    }
    int port = reader.integer("email", "port", ssl ? 465 : 587, 1, 65_535);
    String host = reader.string("email", "host", "").strip();
    String from = reader.string("email", "from", "").strip();
    List<String> to = addresses(reader, "to");
    List<String> cc = addresses(reader, "cc");
    if (!from.isEmpty() && !from.contains("@")) {
      reader.problem(List.of("email", "from"), "must be an email address, got \"" + from + "\"");
    }
    Secret password = Secret.of(reader.string("email", "password", ""));
    Optional<String> passwordFromEnv = env.value(ConfigLoader.ENV_SMTP_PASSWORD);
    if (passwordFromEnv.isPresent()) {
      password = Secret.of(passwordFromEnv.get());
    }

    Set<String> sendOn = new LinkedHashSet<>();
    for (String word :
        reader.strings("email", "send_on", List.of("changes", "held", "failed", "errors"))) {
      String normal = word.strip().toLowerCase(Locale.ROOT);
      if (SEND_ON_WORDS.contains(normal)) {
        sendOn.add(normal);
      } else {
        reader.problem(List.of("email", "send_on"), ConfigReader.notOneOf(word, SEND_ON_WORDS));
      }
    }

    if (enabled) {
      int line = reader.line(List.of("email", "enabled"));
      String why = "required when email.enabled = true";
      if (host.isEmpty()) {
        reader.problemAt(line, "email.host", why);
      }
      if (from.isEmpty()) {
        reader.problemAt(line, "email.from", why);
      }
      if (to.isEmpty()) {
        reader.problemAt(line, "email.to", "needs at least one address when email.enabled = true");
      }
    }

    return new Email(
        enabled,
        host,
        port,
        starttls,
        ssl,
        reader.string("email", "username", "").strip(),
        password,
        from,
        to,
        cc,
        reader.string("email", "subject_prefix", "[titan-sync]"),
        sendOn,
        reader.bool("email", "attach_reports", false),
        helo(reader, from));
  }

  /**
   * The name titan-sync greets the mail server with (EHLO) and ends its Message-IDs with: {@code
   * email.helo}, else the domain of {@code email.from}. Left to JavaMail, both said "localhost",
   * which strict relays refuse or score as spam.
   */
  private static String helo(ConfigReader reader, String from) {
    String helo = reader.string("email", "helo", "").strip();
    if (!helo.isEmpty()) {
      if (!helo.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
        reader.problem(
            List.of("email", "helo"),
            "must be a host name such as \"titan-sync.district.org\", got \"" + helo + "\"");
      }
      return helo.toLowerCase(Locale.ROOT);
    }
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "" : from.substring(at + 1).replaceAll("[>\\s]+$", "").strip();
    return domain.toLowerCase(Locale.ROOT);
  }

  private static List<String> addresses(ConfigReader reader, String key) {
    List<String> result = new ArrayList<>();
    for (String value : reader.strings("email", key, List.of())) {
      String address = value.strip();
      if (address.contains("@")) {
        result.add(address);
      } else {
        reader.problem(List.of("email", key), "must hold email addresses, got \"" + address + "\"");
      }
    }
    return result;
  }
}
