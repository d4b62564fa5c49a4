package org.titansync.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.titansync.config.SyncConfig.Csv;
import org.titansync.config.SyncConfig.Daemon;
import org.titansync.config.SyncConfig.Email;
import org.titansync.config.SyncConfig.Guardrails;
import org.titansync.config.SyncConfig.HoldScope;
import org.titansync.config.SyncConfig.Logging;
import org.titansync.config.SyncConfig.OnMissing;
import org.titansync.config.SyncConfig.Retry;
import org.titansync.config.SyncConfig.Sync;
import org.titansync.config.SyncConfig.Titan;
import org.titansync.roster.RosterOptions;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads {@code config.toml}: parse (TOML syntax), then validate (known keys, types, ranges, words,
 * cross-checks), then hand over an immutable {@link SyncConfig}. All config parsing lives here.
 * Every problem is collected first, so one {@link ConfigException} lists them all.
 */
public final class ConfigLoader {
  /** Overrides {@code titan.api_key}. */
  public static final String ENV_API_KEY = "TITAN_API_KEY";

  /** Overrides {@code titan.proxy}. */
  public static final String ENV_PROXY = "TITAN_PROXY";

  /** Overrides {@code email.password}. */
  public static final String ENV_SMTP_PASSWORD = "TITAN_SYNC_SMTP_PASSWORD";

  /** Overrides {@code sftp.password}. */
  public static final String ENV_SFTP_PASSWORD = "TITAN_SYNC_SFTP_PASSWORD";

  /** Overrides {@code titan.base_url}. */
  public static final String ENV_BASE_URL = "TITAN_BASE_URL";

  static final List<String> SEND_ON_WORDS =
      List.of("changes", "held", "failed", "errors", "always");
  static final List<String> LOG_FORMATS = List.of("text", "json");
  static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  // A line that sets a secret, so a syntax error on it is reported without quoting it.
  private static final Pattern SECRET_LINE =
      Pattern.compile("^\\s*(?:[\\w\"]+\\s*\\.\\s*)?\"?(?:api_key|password)\"?\\s*=(.*)$");

  private ConfigLoader() {}

  /**
   * Reads and validates {@code file}; relative paths in it resolve against its folder.
   *
   * @param env the environment ({@code System.getenv()}), whose TITAN_* variables win over the file
   * @throws ConfigException naming file, line and key of every problem found
   */
  public static SyncConfig load(Path file, Map<String, String> env) throws ConfigException {
    Path configFile = file.toAbsolutePath().normalize();
    if (!Files.exists(configFile)) {
      throw new ConfigException(
          configFile,
          0,
          null,
          "config file not found: " + configFile + " (copy config.example.toml, or use --sandbox)");
    }
    if (Files.isDirectory(configFile)) {
      throw new ConfigException(
          configFile, 0, null, "config file is a folder, not a file: " + configFile);
    }
    String text;
    try {
      text = Files.readString(configFile, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new ConfigException(
          configFile,
          0,
          null,
          "config file is not UTF-8 text: " + configFile + " (save it as UTF-8)");
    } catch (IOException e) {
      throw new ConfigException(
          configFile, 0, null, "cannot read config file " + configFile + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // Windows editors like to start UTF-8 files with a BOM
    }
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      throw new ConfigException(syntaxProblems(configFile, text, toml.errors()));
    }
    ConfigReader reader = new ConfigReader(configFile, toml);
    checkKeys(reader);
    SyncConfig config = read(reader, configFile, configFile.getParent(), env);
    if (reader.hasProblems()) {
      throw new ConfigException(reader.problems());
    }
    return config;
  }

  /**
   * Every default, with the environment's overrides, and paths relative to {@code baseDir}: the
   * config of a run without a config file ({@code --sandbox}).
   *
   * @throws IllegalArgumentException when an environment override is unusable (a TITAN_BASE_URL
   *     that is not an http(s) URL)
   */
  public static SyncConfig defaults(Path baseDir, Map<String, String> env) {
    ConfigReader reader = new ConfigReader(null, Toml.parse(""));
    SyncConfig config = read(reader, null, baseDir.toAbsolutePath().normalize(), env);
    if (reader.hasProblems()) {
      throw new IllegalArgumentException(new ConfigException(reader.problems()).getMessage());
    }
    return config;
  }

  /**
   * Every key titan-sync understands, dotted ({@code titan.base_url}); the tables of names are
   * listed as one key each: {@code csv.columns}, {@code sites.aliases}, {@code roles.map}.
   */
  public static Set<String> knownKeys() {
    return ConfigKeys.all();
  }

  private static SyncConfig read(
      ConfigReader reader, Path configFile, Path baseDir, Map<String, String> env) {
    SyncConfig.Paths paths = paths(reader, baseDir);
    return new SyncConfig(
        configFile,
        baseDir,
        titan(reader, env),
        csv(reader),
        names(reader, List.of("sites", "aliases")),
        names(reader, List.of("roles", "map")),
        sync(reader),
        guardrails(reader),
        retry(reader),
        paths,
        email(reader, env),
        daemon(reader, baseDir, paths, env),
        logging(reader));
  }

  // ---- parse: syntax and unknown keys ----

  private static List<ConfigException.Problem> syntaxProblems(
      Path file, String text, List<TomlParseError> errors) {
    Set<Integer> secretLines = new LinkedHashSet<>();
    List<String> secretValues = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = SECRET_LINE.matcher(lines[i]);
      if (matcher.matches()) {
        secretLines.add(i + 1);
        String value = matcher.group(1).strip().replaceAll("^[\"']+|[\"']+$", "");
        if (value.length() >= 3) {
          secretValues.add(value);
        }
      }
    }
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (TomlParseError error : errors) {
      int line = error.position().line();
      String reason;
      if (secretLines.contains(line)) {
        reason = "syntax error in a secret's value (not shown): write it in quotes, as in \"...\"";
      } else {
        reason = "syntax error: " + error.getMessage();
        for (String secret : secretValues) {
          reason = reason.replace(secret, "***");
        }
      }
      problems.add(
          new ConfigException.Problem(file, line, error.position().column(), null, reason));
    }
    return problems;
  }

  private static void checkKeys(ConfigReader reader) {
    TomlTable root = reader.root();
    for (String name : root.keySet()) {
      List<String> path = List.of(name);
      List<String> keys = ConfigKeys.TABLES.get(name);
      if (keys == null) {
        boolean isTable = root.get(path) instanceof TomlTable;
        reader.problem(
            path,
            (isTable ? "unknown table" : "unknown key")
                + ConfigKeys.suggest(null, name)
                    .map(
                        near ->
                            near.contains(".")
                                ? "; did you mean " + near + " (under [" + tableOf(near) + "])?"
                                : "; did you mean [" + near + "]?")
                    .orElse("; known tables are " + String.join(", ", ConfigKeys.TABLES.keySet())));
        continue;
      }
      Optional<TomlTable> table = reader.table(path);
      if (table.isEmpty()) {
        continue;
      }
      for (String key : table.get().keySet()) {
        if (!keys.contains(key)) {
          reader.problem(
              List.of(name, key),
              "unknown key"
                  + ConfigKeys.suggest(name, key)
                      .map(near -> "; did you mean " + near + "?")
                      .orElse("; [" + name + "] knows " + String.join(", ", keys)));
        }
      }
    }
  }

  private static String tableOf(String dottedKey) {
    return dottedKey.substring(0, dottedKey.indexOf('.'));
  }

  // ---- validate and build, one table at a time ----

  private static Titan titan(ConfigReader reader, Map<String, String> env) {
    String baseUrl = reader.string("titan", "base_url", "").strip();
    if (!baseUrl.isEmpty()) {
      Optional<String> wrong = urlProblem(baseUrl);
      if (wrong.isPresent()) {
        reader.problem(List.of("titan", "base_url"), wrong.get());
      }
    }
    String fromEnv = envValue(env, ENV_BASE_URL);
    if (fromEnv != null) {
      baseUrl = fromEnv;
      urlProblem(fromEnv)
          .ifPresent(
              wrong -> reader.environmentProblem("titan.base_url", ENV_BASE_URL + " " + wrong));
    }
    Secret apiKey = Secret.of(reader.string("titan", "api_key", "").strip());
    if (!Secret.sendable(apiKey.reveal())) {
      reader.problem(List.of("titan", "api_key"), Secret.NOT_SENDABLE);
    }
    String keyFromEnv = envValue(env, ENV_API_KEY);
    if (keyFromEnv != null) {
      apiKey = Secret.of(keyFromEnv);
      if (!Secret.sendable(keyFromEnv)) {
        reader.environmentProblem("titan.api_key", ENV_API_KEY + " " + Secret.NOT_SENDABLE);
      }
    }
    String proxy = reader.string("titan", "proxy", "").strip();
    if (!proxy.isEmpty()) {
      proxyProblem(proxy).ifPresent(wrong -> reader.problem(List.of("titan", "proxy"), wrong));
    }
    String proxyFromEnv = envValue(env, ENV_PROXY);
    if (proxyFromEnv != null) {
      proxy = proxyFromEnv;
      proxyProblem(proxyFromEnv)
          .ifPresent(wrong -> reader.environmentProblem("titan.proxy", ENV_PROXY + " " + wrong));
    }
    return new Titan(
        trimTrailingSlashes(baseUrl),
        apiKey,
        reader.integer("titan", "timeout_seconds", 30, 1, 600),
        reader.integer("titan", "page_size", 500, 1, 500),
        reader.integer("titan", "max_concurrency", 4, 1, 64),
        reader.decimal("titan", "max_requests_per_second", 0.0, 0, false, Double.MAX_VALUE),
        reader.decimal("titan", "initial_requests_per_second", 10.0, 0, true, Double.MAX_VALUE),
        proxy);
  }

  /**
   * Why {@code url} cannot be the proxy, if it cannot. Credentials are refused: they would sit in
   * the config in plain sight, and a proxy that needs them is set up with the JVM's own options.
   */
  private static Optional<String> proxyProblem(String url) {
    String rule =
        "must be an http:// URL with a host and a port, such as http://proxy.example.org:3128";
    if (url.contains("@")) {
      return Optional.of("cannot hold a user name or password (the value is not shown)");
    }
    try {
      URI uri = new URI(url);
      boolean bare =
          (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
              && uri.getQuery() == null
              && uri.getFragment() == null;
      if (!"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getPort() < 1
          || !bare) {
        return Optional.of(rule + ", got \"" + url + "\"");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of(rule + ", got \"" + url + "\"");
    }
  }

  /**
   * Why {@code url} cannot be Titan's base URL, if it cannot, quoting the value. A user name or
   * password in it is refused without quoting it: Titan takes the API key, and the URL is shown in
   * logs and reports.
   */
  private static Optional<String> urlProblem(String url) {
    String rule = "must be an http:// or https:// URL such as https://titan.example.org/api/v1";
    String got = ", got \"" + url + "\"";
    try {
      URI uri = new URI(url);
      if (uri.getRawUserInfo() != null
          || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
        return Optional.of("cannot hold a user name or password (the value is not shown)");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https"))
          || uri.getHost() == null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        return Optional.of(rule + got);
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of(
          url.contains("@")
              ? "cannot hold a user name or password (the value is not shown)"
              : rule + got);
    }
  }

  private static String trimTrailingSlashes(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /** The variable's value, or null when it is unset or blank (blank counts as unset). */
  private static String envValue(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Csv csv(ConfigReader reader) {
    List<String> delimiterPath = List.of("csv", "delimiter");
    String delimiterText = reader.string(delimiterPath, ",");
    if (delimiterText.equals("\\t") || delimiterText.equalsIgnoreCase("tab")) {
      delimiterText = "\t"; // a literal '\t' or the word, for people who wrote it in single quotes
    }
    char delimiter = ',';
    if (delimiterText.length() != 1) {
      reader.problem(
          delimiterPath,
          "must be a single character (\"\\t\" for tab), got \"" + delimiterText + "\"");
    } else if ("\"\r\n".indexOf(delimiterText.charAt(0)) >= 0) {
      reader.problem(delimiterPath, "cannot be a quote or a line break");
    } else {
      delimiter = delimiterText.charAt(0);
    }

    List<String> separatorPath = List.of("csv", "role_separator");
    String roleSeparator = reader.string(separatorPath, ";");
    if (roleSeparator.isEmpty() || roleSeparator.contains("\n") || roleSeparator.contains("\r")) {
      reader.problem(separatorPath, "must be one or more characters on one line, such as \";\"");
      roleSeparator = ";";
    }

    List<String> encodingPath = List.of("csv", "encoding");
    String encodingName = reader.string(encodingPath, "UTF-8").strip();
    Charset encoding = StandardCharsets.UTF_8;
    try {
      encoding = Charset.forName(encodingName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      reader.problem(
          encodingPath,
          "unknown charset \""
              + encodingName
              + "\"; use a Java charset name such as UTF-8, windows-1252 or ISO-8859-1");
    }

    long maxFileMb =
        reader.whole("csv", "max_file_mb", RosterOptions.DEFAULT_MAX_FILE_MB, 1, 1_048_576);
    long maxRows =
        reader.whole("csv", "max_rows", RosterOptions.DEFAULT_MAX_ROWS, 0, Integer.MAX_VALUE);
    return new Csv(delimiter, roleSeparator, encoding, columns(reader), maxFileMb, (int) maxRows);
  }

  private static Map<String, List<String>> columns(ConfigReader reader) {
    List<String> tablePath = List.of("csv", "columns");
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Optional<TomlTable> table = reader.table(tablePath);
    if (table.isEmpty()) {
      return columns;
    }
    Map<String, String> columnOfHeader = new HashMap<>();
    for (String canonical : RosterOptions.REQUIRED_COLUMNS) {
      columnOfHeader.put(headerKey(canonical), canonical);
    }
    for (String column : table.get().keySet()) {
      List<String> path = List.of("csv", "columns", column);
      if (!RosterOptions.REQUIRED_COLUMNS.contains(column)) {
        reader.problem(
            path,
            "unknown column"
                + ConfigKeys.closest(column, RosterOptions.REQUIRED_COLUMNS)
                    .map(near -> "; did you mean " + near + "?")
                    .orElse(
                        "; the columns are " + String.join(", ", RosterOptions.REQUIRED_COLUMNS)));
        continue;
      }
      List<String> aliases = new ArrayList<>();
      for (String alias : reader.strings(path, List.of())) {
        String header = alias.strip();
        String taken = columnOfHeader.putIfAbsent(headerKey(header), column);
        if (header.isEmpty()) {
          reader.problem(path, "a header name cannot be empty");
        } else if (taken != null && !taken.equals(column)) {
          reader.problem(path, "header \"" + header + "\" already means column " + taken);
        } else if (!aliases.contains(header)) {
          aliases.add(header);
        }
      }
      columns.put(column, aliases);
    }
    return columns;
  }

  // The roster matches headers ignoring case and spaces; clashes are judged the same way.
  private static String headerKey(String header) {
    return header.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }

  /** {@code [sites.aliases]} or {@code [roles.map]}: name in the file -> name in Titan. */
  private static Map<String, String> names(ConfigReader reader, List<String> tablePath) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> writtenAs = new HashMap<>();
    Optional<TomlTable> table = reader.table(tablePath);
    if (table.isEmpty()) {
      return names;
    }
    for (String name : table.get().keySet()) {
      List<String> path = List.of(tablePath.get(0), tablePath.get(1), name);
      String target = reader.string(path, null);
      if (target == null) {
        continue;
      }
      String key = name.strip().toLowerCase(Locale.ROOT);
      if (key.isEmpty() || target.isBlank()) {
        reader.problem(path, "names cannot be empty");
        continue;
      }
      String earlier = writtenAs.putIfAbsent(key, name);
      if (earlier != null && !names.get(key).equals(target.strip())) {
        reader.problem(
            path,
            "\""
                + earlier
                + "\" is already mapped (names compare ignoring case) to \""
                + names.get(key)
                + "\"");
        continue;
      }
      names.put(key, target.strip());
    }
    return names;
  }

  private static Sync sync(ConfigReader reader) {
    return new Sync(
        reader.bool("sync", "dry_run", false),
        reader.bool("sync", "match_existing_by_email", true),
        nameSet(reader, "protected_emails", true),
        nameSet(reader, "protected_external_ids", false),
        nameSet(reader, "protected_roles", true),
        reader.word("sync", "on_missing", OnMissing.REMOVE_MEMBERSHIPS, OnMissing.class),
        reader.integer("sync", "lock_wait_seconds", 60, 0, 86_400),
        reader.integer("sync", "min_free_mb", 100, 0, 1_000_000_000));
  }

  private static Set<String> nameSet(ConfigReader reader, String key, boolean lowerCase) {
    Set<String> result = new LinkedHashSet<>();
    for (String value : reader.strings("sync", key, List.of())) {
      String name = value.strip();
      if (name.isEmpty()) {
        reader.problem(List.of("sync", key), "entries cannot be empty");
      } else {
        result.add(lowerCase ? name.toLowerCase(Locale.ROOT) : name);
      }
    }
    return result;
  }

  private static Guardrails guardrails(ConfigReader reader) {
    return new Guardrails(
        reader.integer("guardrails", "max_removals", 100, 0, Integer.MAX_VALUE),
        reader.decimal("guardrails", "max_removal_percent", 10.0, 0, false, 100),
        reader.decimal("guardrails", "max_update_percent", 20.0, 0, false, 100),
        reader.decimal("guardrails", "min_rows_percent_of_last", 80.0, 0, false, 100),
        reader.bool("guardrails", "hold_on_vanished_site", true),
        reader.bool("guardrails", "hold_on_header_change", true),
        reader.word("guardrails", "hold_scope", HoldScope.ALL, HoldScope.class),
        privilegedRoles(reader),
        reader.integer("guardrails", "max_privileged_changes", 5, 0, Integer.MAX_VALUE),
        reader.decimal("guardrails", "max_role_change_percent", 20.0, 0, false, 100),
        reader.integer("guardrails", "max_creations", 100, 0, Integer.MAX_VALUE),
        reader.decimal("guardrails", "max_creation_percent", 50.0, 0, false, Double.MAX_VALUE),
        reader.decimal("guardrails", "max_domain_move_percent", 5.0, 0, false, 100),
        reader.integer("guardrails", "window_hours", 24, 0, 720),
        reader.bool("guardrails", "hold_on_last_privileged_holder", true));
  }

  /** Empty unless set: the default rule (admin, principal, superintendent in the name). */
  private static Set<String> privilegedRoles(ConfigReader reader) {
    Set<String> result = new LinkedHashSet<>();
    for (String value : reader.strings("guardrails", "privileged_roles", List.of())) {
      String name = value.strip();
      if (name.isEmpty()) {
        reader.problem(List.of("guardrails", "privileged_roles"), "entries cannot be empty");
      } else {
        result.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return result;
  }

  private static Retry retry(ConfigReader reader) {
    int maxAttempts = reader.integer("retry", "max_attempts", 6, 1, 100);
    long initialDelayMs = reader.whole("retry", "initial_delay_ms", 500, 0, 3_600_000);
    long maxDelayMs = reader.whole("retry", "max_delay_ms", 30_000, 0, 3_600_000);
    if (maxDelayMs < initialDelayMs) {
      reader.problem(
          List.of(
              "retry", reader.isSet("retry", "max_delay_ms") ? "max_delay_ms" : "initial_delay_ms"),
          "retry.max_delay_ms ("
              + maxDelayMs
              + ") must be at least retry.initial_delay_ms ("
              + initialDelayMs
              + ")");
    }
    return new Retry(
        maxAttempts,
        initialDelayMs,
        maxDelayMs,
        reader.decimal("retry", "multiplier", 2.0, 1, false, 10),
        reader.whole("retry", "run_budget_seconds", 3600, 1, Long.MAX_VALUE));
  }

  private static SyncConfig.Paths paths(ConfigReader reader, Path baseDir) {
    Map<String, Path> folders = new LinkedHashMap<>();
    for (String key : List.of("inbox", "logs", "archive", "quarantine", "held")) {
      List<String> path = List.of("paths", key);
      String text = reader.string(path, key).strip();
      Path folder = baseDir.resolve(key);
      if (text.isEmpty()) {
        reader.problem(path, "cannot be empty");
      } else {
        try {
          folder = baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
          reader.problem(path, "is not a valid path: " + e.getReason());
        }
      }
      for (Map.Entry<String, Path> other : folders.entrySet()) {
        if (other.getValue().equals(folder)) {
          reader.problem(
              path, "is the same folder as paths." + other.getKey() + " (" + folder + ")");
        }
      }
      folders.put(key, folder);
    }
    return new SyncConfig.Paths(
        folders.get("inbox"),
        folders.get("logs"),
        folders.get("archive"),
        folders.get("quarantine"),
        folders.get("held"),
        reader.integer("paths", "keep_runs_days", 90, 0, 36_500));
  }

  private static Email email(ConfigReader reader, Map<String, String> env) {
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
    String passwordFromEnv = envValue(env, ENV_SMTP_PASSWORD);
    if (passwordFromEnv != null) {
      password = Secret.of(passwordFromEnv);
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
        reader.bool("email", "attach_reports", false));
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

  private static Daemon daemon(
      ConfigReader reader, Path baseDir, SyncConfig.Paths paths, Map<String, String> env) {
    List<String> suffixPath = List.of("daemon", "done_suffix");
    String doneSuffix = reader.string(suffixPath, "").strip();
    if (doneSuffix.contains("/") || doneSuffix.contains("\\")) {
      reader.problem(
          suffixPath,
          "must be an ending such as \".done\", not a path; got \"" + doneSuffix + "\"");
      doneSuffix = "";
    }
    // The lock sits beside the files it guards unless told otherwise, so that any two daemons
    // watching one inbox agree on a leader without further setup.
    Path lockDir = optionalPath(reader, List.of("daemon", "lock_dir"), baseDir);
    if (lockDir == null) {
      lockDir = paths.inbox().resolve(".titan-sync-lock");
    }
    String httpHost = reader.string("daemon", "http_host", "").strip();
    if (httpHost.contains("/") || httpHost.contains(" ")) {
      reader.problem(
          List.of("daemon", "http_host"),
          "must be a host name or address such as 127.0.0.1, got \"" + httpHost + "\"");
      httpHost = "";
    }
    return new Daemon(
        reader.integer("daemon", "quiet_seconds", 60, 1, 86_400),
        doneSuffix,
        reader.decimal("daemon", "poll_seconds", 5.0, 0.1, false, 3_600),
        reader.integer("daemon", "retry_seconds", 300, 1, 86_400),
        reader.integer("daemon", "stop_timeout_seconds", 60, 1, 3_600),
        lockDir,
        reader.decimal("daemon", "failover_seconds", 15.0, 1, false, 3_600),
        httpHost,
        reader.integer("daemon", "http_port", 0, 0, 65_535),
        sftp(reader, baseDir, env));
  }

  private static SyncConfig.Sftp sftp(ConfigReader reader, Path baseDir, Map<String, String> env) {
    String host = reader.string("sftp", "host", "").strip();
    if (host.contains("/") || (host.contains(":") && !host.startsWith("["))) {
      reader.problem(
          List.of("sftp", "host"),
          "must be a host name or address without scheme or port (set sftp.port), got \""
              + host
              + "\"");
    }
    String username = reader.string("sftp", "username", "").strip();
    Secret password = Secret.of(reader.string("sftp", "password", ""));
    String passwordFromEnv = envValue(env, ENV_SFTP_PASSWORD);
    if (passwordFromEnv != null) {
      password = Secret.of(passwordFromEnv);
    }
    Path privateKey = optionalPath(reader, List.of("sftp", "private_key"), baseDir);
    Path knownHosts = optionalPath(reader, List.of("sftp", "known_hosts"), baseDir);
    if (!host.isEmpty()) {
      int line = reader.line(List.of("sftp", "host"));
      if (username.isEmpty()) {
        reader.problemAt(line, "sftp.username", "required when sftp.host is set");
      }
      if (password.isEmpty() && privateKey == null) {
        reader.problemAt(
            line,
            "sftp.password",
            "sftp.password (or "
                + ENV_SFTP_PASSWORD
                + ") or sftp.private_key is required"
                + " when sftp.host is set");
      }
      if (knownHosts == null) {
        reader.problemAt(
            line,
            "sftp.known_hosts",
            "required when sftp.host is set: the server's host key must be known (ssh-keyscan"
                + " -p PORT HOST > known_hosts, then check it)");
      }
    }
    String remoteDir = reader.string("sftp", "remote_dir", "").strip();
    if (remoteDir.contains("..")) {
      reader.problem(List.of("sftp", "remote_dir"), "cannot contain \"..\"");
      remoteDir = "";
    }
    return new SyncConfig.Sftp(
        host,
        reader.integer("sftp", "port", 22, 1, 65_535),
        username,
        password,
        privateKey,
        knownHosts,
        remoteDir,
        reader.decimal("sftp", "poll_seconds", 60.0, 0.1, false, 86_400),
        reader.word(
            "sftp", "after_fetch", SyncConfig.AfterFetch.MOVE, SyncConfig.AfterFetch.class));
  }

  /** A path key that may be left out: null when unset or empty. */
  private static Path optionalPath(ConfigReader reader, List<String> path, Path baseDir) {
    String text = reader.string(path, "").strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return baseDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      reader.problem(path, "is not a valid path: " + e.getReason());
      return null;
    }
  }

  private static Logging logging(ConfigReader reader) {
    String format = reader.string("logging", "format", "text").strip().toLowerCase(Locale.ROOT);
    if (!LOG_FORMATS.contains(format)) {
      reader.problem(List.of("logging", "format"), ConfigReader.notOneOf(format, LOG_FORMATS));
      format = "text";
    }
    String level = reader.string("logging", "level", "INFO").strip().toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      reader.problem(List.of("logging", "level"), ConfigReader.notOneOf(level, LOG_LEVELS));
      level = "INFO";
    }
    return new Logging(format, level);
  }
}
