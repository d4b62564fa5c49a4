package org.titansync.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.titansync.plan.Grace;
import org.titansync.plan.PlanOptions;
import org.titansync.roster.RosterOptions;

/**
 * The whole, validated, immutable configuration of titan-sync. Built only by {@link ConfigLoader};
 * docs/config.md describes every key. Unset strings are empty, never null; collections keep the
 * order of the file. Each table is a record: {@link TitanSettings}, {@link CsvSettings}, {@link
 * SyncSettings}, {@link GuardrailsSettings} and {@link RosterSettings} in their own files, the
 * smaller ones nested here, where other packages name them ({@code SyncConfig.Paths}).
 *
 * @param source the file it was read from (absolute), or none for {@link ConfigLoader#defaults}
 * @param baseDir the folder relative paths were resolved against (the config file's folder)
 * @param siteAliases {@code [sites.aliases]}: site name in the export (lower case) -> Titan site
 * @param roleMap {@code [roles.map]}: role name in the export (lower case) -> Titan role
 */
public record SyncConfig(
    ConfigSource source,
    Path baseDir,
    TitanSettings titan,
    CsvSettings csv,
    RosterSettings roster,
    Map<String, String> siteAliases,
    Map<String, String> roleMap,
    SyncSettings sync,
    GuardrailsSettings guardrails,
    Retry retry,
    Paths paths,
    Email email,
    Daemon daemon,
    Logging logging) {

  public SyncConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(titan, "titan");
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(roster, "roster");
    siteAliases = orderedCopy(siteAliases);
    roleMap = orderedCopy(roleMap);
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(guardrails, "guardrails");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(daemon, "daemon");
    Objects.requireNonNull(logging, "logging");
  }

  /** The file it was read from (absolute), or null for {@link ConfigLoader#defaults}. */
  public Path configFile() {
    return source.file();
  }

  /** {@code sync.on_missing}: what happens to people who are gone from the export. */
  public enum OnMissing {
    /** Take away their site memberships; the account stays. */
    REMOVE_MEMBERSHIPS,
    /** Take away their memberships and also set the account inactive. */
    DEACTIVATE
  }

  /** {@code [retry]}: backoff for transient API failures (429, 5xx, lost connections). */
  public record Retry(
      int maxAttempts,
      long initialDelayMs,
      long maxDelayMs,
      double multiplier,
      long runBudgetSeconds) {}

  /** {@code [paths]}: folders, already resolved against the config file's folder. */
  public record Paths(
      Path inbox, Path logs, Path archive, Path quarantine, Path held, int keepRunsDays) {
    public Paths {
      Objects.requireNonNull(inbox, "inbox");
      Objects.requireNonNull(logs, "logs");
      Objects.requireNonNull(archive, "archive");
      Objects.requireNonNull(quarantine, "quarantine");
      Objects.requireNonNull(held, "held");
    }
  }

  /**
   * {@code [email]}: the run report by mail.
   *
   * @param sendOn lower-case words: changes, held, failed, errors, always
   * @param helo the name titan-sync gives itself in EHLO and Message-IDs: email.helo, else the
   *     domain of email.from
   */
  public record Email(
      boolean enabled,
      String host,
      int port,
      boolean starttls,
      boolean ssl,
      String username,
      Secret password,
      String from,
      List<String> to,
      List<String> cc,
      String subjectPrefix,
      Set<String> sendOn,
      boolean attachReports,
      String helo) {
    public Email {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(from, "from");
      to = List.copyOf(to);
      cc = List.copyOf(cc);
      Objects.requireNonNull(subjectPrefix, "subjectPrefix");
      sendOn = orderedCopy(sendOn);
      Objects.requireNonNull(helo, "helo");
    }
  }

  /**
   * {@code [daemon]}: how the {@code run} command watches the inbox, and its HTTP server.
   *
   * @param doneSuffix empty: done-files are off
   * @param pollSeconds how often the inbox is listed; fractions allowed
   * @param retrySeconds how long a file whose run could not reach Titan waits in the inbox
   * @param stopTimeoutSeconds how long a stop waits for a run in flight
   * @param lockDir the folder of the file lock that lets one daemon of several consume
   * @param failoverSeconds how long a standby waits for a silent leader before it takes over
   * @param httpHost empty: {@code camel.management.host} of application.properties
   * @param httpPort 0: {@code camel.management.port} of application.properties
   * @param sftp {@code [sftp]}, read here because only the daemon uses it
   */
  public record Daemon(
      int quietSeconds,
      String doneSuffix,
      double pollSeconds,
      int retrySeconds,
      int stopTimeoutSeconds,
      Path lockDir,
      double failoverSeconds,
      String httpHost,
      int httpPort,
      Sftp sftp,
      DistrictsSettings districts) {
    public Daemon {
      Objects.requireNonNull(districts, "districts");
      Objects.requireNonNull(doneSuffix, "doneSuffix");
      Objects.requireNonNull(lockDir, "lockDir");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(sftp, "sftp");
    }
  }

  /** {@code sftp.after_fetch}: what becomes of a remote file once it is in the inbox. */
  public enum AfterFetch {
    /** Moved to a {@code .fetched} folder beside it on the server. */
    MOVE,
    /** Deleted from the server. */
    DELETE
  }

  /**
   * {@code [sftp]}: a folder on an SFTP server that the daemon copies into the inbox.
   *
   * @param host empty: no SFTP source
   * @param privateKey null: no key file
   * @param knownHosts the server's host key must be listed here (required with a host)
   * @param remoteDir empty: the login folder; absolute, or relative to the login folder
   * @param stablePolls polls in a row that must list a file with the same size and time
   * @param downAfterFailures failed polls in a row that turn readiness DOWN
   * @param backoffSeconds the first wait after a refused login or host key (doubles each time)
   * @param timeoutSeconds how long a connection or one answer of the server may take
   */
  public record Sftp(
      String host,
      int port,
      String username,
      Secret password,
      Path privateKey,
      Path knownHosts,
      String remoteDir,
      double pollSeconds,
      AfterFetch afterFetch,
      int stablePolls,
      int downAfterFailures,
      double backoffSeconds,
      int timeoutSeconds) {
    public Sftp {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(remoteDir, "remoteDir");
      Objects.requireNonNull(afterFetch, "afterFetch");
    }

    public boolean enabled() {
      return !host.isEmpty();
    }
  }

  /**
   * {@code [logging]}.
   *
   * @param format "text" or "json"
   * @param level upper case: TRACE, DEBUG, INFO, WARN or ERROR
   */
  public record Logging(String format, String level) {
    public Logging {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(level, "level");
    }
  }

  /** How the roster reader reads the export. */
  public RosterOptions rosterOptions() {
    return new RosterOptions(
        csv.delimiter(),
        csv.roleSeparator(),
        csv.encoding(),
        csv.columns(),
        csv.maxFileMb() * 1024L * 1024L,
        csv.maxRows(),
        csv.fallback());
  }

  /** The planner's settings. */
  public PlanOptions planOptions() {
    return new PlanOptions(
        siteAliases,
        roleMap,
        sync.matchExistingByEmail(),
        sync.protectedEmails(),
        sync.protectedExternalIds(),
        sync.protectedRoles(),
        sync.onMissing() == OnMissing.DEACTIVATE,
        sync.membershipScope(),
        new Grace(sync.removeAfterMissingRuns(), sync.removeAfterMissingDays()),
        sync.updateEmailCase());
  }

  /**
   * What a run that talks to Titan still lacks, such as {@code "titan.api_key (or the TITAN_API_KEY
   * environment variable)"}; empty when nothing is missing. Loading does not fail on these because
   * {@code validate} and sandbox runs do not need them.
   */
  public List<String> missingForApi() {
    List<String> missing = new ArrayList<>();
    if (titan.baseUrl().isEmpty()) {
      missing.add("titan.base_url (or the " + ConfigLoader.ENV_BASE_URL + " environment variable)");
    }
    if (titan.apiKey().isEmpty()) {
      missing.add("titan.api_key (or the " + ConfigLoader.ENV_API_KEY + " environment variable)");
    }
    return List.copyOf(missing);
  }

  /** Fails, naming what is missing, when {@link #missingForApi()} is not empty. */
  public void requireApiSettings() throws ConfigException {
    List<String> missing = missingForApi();
    if (!missing.isEmpty()) {
      throw new ConfigException(
          configFile(),
          0,
          null,
          "not set, and talking to Titan needs it: " + String.join("; ", missing));
    }
  }

  /** The same config with other {@code [titan]} settings (the sandbox swaps the base URL). */
  public SyncConfig withTitan(TitanSettings other) {
    return new SyncConfig(
        source,
        baseDir,
        other,
        csv,
        roster,
        siteAliases,
        roleMap,
        sync,
        guardrails,
        retry,
        paths,
        email,
        daemon,
        logging);
  }

  static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> Set<T> orderedCopy(Set<T> set) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(set));
  }
}
