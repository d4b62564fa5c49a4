package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.GuardrailsSettings.HoldScope;
import org.titansync.config.SyncConfig.OnMissing;
import org.titansync.plan.PlanOptions;
import org.titansync.roster.RosterOptions;

class ConfigLoaderTest {

  /** A value other than the default for every key titan-sync knows. */
  static final String EVERY_KEY =
      """
      [titan]
      base_url = "https://titan.example.org/api/v1/"
      api_key = "file-key"
      api_key_env = ""
      api_key_file = ""
      timeout_seconds = 45
      page_size = 250
      max_concurrency = 8
      max_requests_per_second = 2.5
      initial_requests_per_second = 1.5
      proxy = "http://proxy.district.org:3128"

      [csv]
      delimiter = "\\t"
      role_separator = "|"
      encoding = "windows-1252"
      fallback_encoding = "ISO-8859-1"
      max_file_mb = 300
      max_rows = 1500000

      [csv.columns]
      external_id = ["Employee ID", "Staff No"]
      email = "E-mail"

      [roster]
      format = "oneroster"
      staff_roles = ["Teacher", "aide", "ext:coach"]
      ignore_roles = ["student", "parent"]
      external_id = "identifier"
      email_from = ["username", "email"]
      username_domain = "@MVUSD.org"
      lowercase_email = false
      site_key = "identifier"
      department_site = "own"
      disabled_users = "include"
      role_dates = "honor"
      secondary_roles = "ignore"
      merge_by = "email"
      max_unpacked_mb = 512

      [sites.aliases]
      "Lincoln HS" = "Lincoln High School"

      [roles.map]
      "Para" = "Paraprofessional"

      [sync]
      dry_run = true
      match_existing_by_email = false
      protected_emails = ["Boss@District.org"]
      protected_external_ids = ["E-1"]
      protected_roles = ["District Admin"]
      on_missing = "deactivate"
      lock_wait_seconds = 5
      min_free_mb = 250
      membership_scope = "all"
      remove_after_missing_runs = 2
      remove_after_missing_days = 7
      update_email_case = true
      fail_on_row_errors = true

      [guardrails]
      max_removals = 7
      max_removal_percent = 5
      max_update_percent = 12.5
      min_rows_percent_of_last = 60.0
      hold_on_vanished_site = false
      hold_on_header_change = false
      hold_scope = "removals"
      privileged_roles = ["Principal", "District Admin"]
      max_privileged_changes = 2
      max_role_change_percent = 15
      max_creations = 40
      max_creation_percent = 25
      max_domain_move_percent = 3.5
      window_hours = 48
      hold_on_last_privileged_holder = false
      hold_on_privileged_email_change = false
      hold_on_look_alike_privileged_name = false
      site_last_holder_roles = ["Principal"]

      [retry]
      max_attempts = 3
      initial_delay_ms = 250
      max_delay_ms = 4000
      multiplier = 1.5
      run_budget_seconds = 600

      [paths]
      inbox = "drop/in"
      logs = "../logs"
      archive = "/var/titan-sync/archive"
      quarantine = "q"
      held = "h"
      keep_runs_days = 30

      [email]
      enabled = true
      host = "smtp.district.org"
      port = 2525
      starttls = false
      ssl = false
      username = "sync"
      password = "file-password"
      from = "sync@district.org"
      to = ["it@district.org", "safety@district.org"]
      cc = "boss@district.org"
      subject_prefix = "[roster]"
      send_on = ["always"]
      attach_reports = true
      helo = "Titan-Sync.District.org"

      [daemon]
      quiet_seconds = 120
      done_suffix = ".done"
      poll_seconds = 10
      retry_seconds = 600
      stop_timeout_seconds = 90
      lock_dir = "shared/lock"
      failover_seconds = 30
      http_host = "0.0.0.0"
      http_port = 9900

      [sftp]
      host = "sftp.district.org"
      port = 2222
      username = "titan"
      password = "sftp-password"
      private_key = "keys/id_ed25519"
      known_hosts = "keys/known_hosts"
      remote_dir = "exports/staff"
      poll_seconds = 30
      after_fetch = "delete"
      stable_polls = 5
      down_after_failures = 4
      backoff_seconds = 600
      timeout_seconds = 20

      [districts]
      concurrency = 4
      rescan_seconds = 5
      cluster = "file"
      lease_seconds = 15
      renew_seconds = 10
      retry_seconds = 2
      kubernetes_namespace = "titan"
      pod_name = "titan-sync-0"
      zookeeper_nodes = "zk1:2181,zk2:2181,zk3:2181"
      zookeeper_base_path = "/titan-sync"
      [logging]
      format = "json"
      level = "debug"
      """;

  @TempDir Path dir;

  private Path write(String toml) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void defaultsHoldEveryDocumentedDefault() {
    SyncConfig config = ConfigLoader.defaults(dir, Map.of());

    assertNull(config.configFile());
    assertEquals(dir.toAbsolutePath(), config.baseDir());
    assertEquals("", config.titan().baseUrl());
    assertTrue(config.titan().apiKey().isEmpty());
    assertEquals(30, config.titan().timeoutSeconds());
    assertEquals(500, config.titan().pageSize());
    assertEquals(4, config.titan().maxConcurrency());
    assertEquals(0.0, config.titan().maxRequestsPerSecond(), "no ceiling by default");
    assertEquals(10.0, config.titan().initialRequestsPerSecond());

    assertEquals(',', config.csv().delimiter());
    assertEquals(";", config.csv().roleSeparator());
    assertEquals(StandardCharsets.UTF_8, config.csv().encoding());
    assertEquals(Map.of(), config.csv().columns());
    assertEquals(Map.of(), config.siteAliases());
    assertEquals(Map.of(), config.roleMap());

    assertFalse(config.sync().dryRun());
    assertTrue(config.sync().matchExistingByEmail());
    assertEquals(Set.of(), config.sync().protectedEmails());
    assertEquals(Set.of(), config.sync().protectedExternalIds());
    assertEquals(Set.of(), config.sync().protectedRoles());
    assertEquals(OnMissing.REMOVE_MEMBERSHIPS, config.sync().onMissing());
    assertEquals(60, config.sync().lockWaitSeconds());
    assertEquals(100, config.sync().minFreeMb());
    assertFalse(config.sync().failOnRowErrors());

    assertEquals(
        new GuardrailsSettings(
            100,
            10.0,
            20.0,
            80.0,
            true,
            true,
            HoldScope.ALL,
            Set.of(),
            5,
            20.0,
            100,
            50.0,
            5.0,
            24,
            true,
            true,
            true,
            Set.of()),
        config.guardrails());
    assertEquals(new SyncConfig.Retry(6, 500, 30_000, 2.0, 3600), config.retry());

    Path base = dir.toAbsolutePath();
    assertEquals(
        new SyncConfig.Paths(
            base.resolve("inbox"),
            base.resolve("logs"),
            base.resolve("archive"),
            base.resolve("quarantine"),
            base.resolve("held"),
            90),
        config.paths());

    SyncConfig.Email email = config.email();
    assertFalse(email.enabled());
    assertEquals("", email.host());
    assertEquals(587, email.port());
    assertTrue(email.starttls());
    assertFalse(email.ssl());
    assertEquals("", email.username());
    assertTrue(email.password().isEmpty());
    assertEquals("", email.from());
    assertEquals(List.of(), email.to());
    assertEquals(List.of(), email.cc());
    assertEquals("[titan-sync]", email.subjectPrefix());
    assertEquals(Set.of("changes", "held", "failed", "errors"), email.sendOn());
    assertFalse(email.attachReports());

    SyncConfig.Daemon daemon = config.daemon();
    assertEquals(60, daemon.quietSeconds());
    assertEquals("", daemon.doneSuffix());
    assertEquals(5.0, daemon.pollSeconds());
    assertEquals(300, daemon.retrySeconds());
    assertEquals(config.paths().inbox().resolve(".titan-sync-lock"), daemon.lockDir());
    assertEquals(0, daemon.httpPort());
    assertFalse(daemon.sftp().enabled());
    assertEquals(new SyncConfig.Logging("text", "INFO"), config.logging());

    assertEquals(
        List.of(
            "titan.base_url (or the TITAN_BASE_URL environment variable)",
            "titan.api_key (or the TITAN_API_KEY environment variable)"),
        config.missingForApi());
  }

  @Test
  void anEmptyFileGivesTheDefaults() throws Exception {
    SyncConfig loaded = ConfigLoader.load(write(""), Map.of());
    SyncConfig defaults = ConfigLoader.defaults(dir, Map.of());

    assertEquals(write("").toAbsolutePath(), loaded.configFile());
    assertEquals(defaults.withTitan(loaded.titan()).titan(), loaded.titan());
    assertEquals(defaults.csv(), loaded.csv());
    assertEquals(defaults.sync(), loaded.sync());
    assertEquals(defaults.guardrails(), loaded.guardrails());
    assertEquals(defaults.retry(), loaded.retry());
    assertEquals(defaults.paths(), loaded.paths());
    assertEquals(defaults.email(), loaded.email());
    assertEquals(defaults.daemon(), loaded.daemon());
    assertEquals(defaults.logging(), loaded.logging());
  }

  @Test
  void readsEveryKey() throws Exception {
    SyncConfig config = ConfigLoader.load(write(EVERY_KEY), Map.of());

    assertEquals(
        "https://titan.example.org/api/v1", config.titan().baseUrl(), "trailing / dropped");
    assertEquals("file-key", config.titan().apiKey().reveal());
    assertEquals(45, config.titan().timeoutSeconds());
    assertEquals(250, config.titan().pageSize());
    assertEquals(8, config.titan().maxConcurrency());
    assertEquals(2.5, config.titan().maxRequestsPerSecond());
    assertEquals(1.5, config.titan().initialRequestsPerSecond());
    assertEquals("http://proxy.district.org:3128", config.titan().proxy());
    assertEquals(
        java.util.Optional.of(
            java.net.InetSocketAddress.createUnresolved("proxy.district.org", 3128)),
        config.titan().proxyAddress());
    assertEquals(
        "",
        config.titan().withBaseUrl("http://127.0.0.1:1/api/v1").proxy(),
        "the in-process sandbox is reached directly");
    assertEquals(List.of(), config.missingForApi());

    assertEquals('\t', config.csv().delimiter());
    assertEquals("|", config.csv().roleSeparator());
    assertEquals(Charset.forName("windows-1252"), config.csv().encoding());
    assertEquals(300, config.csv().maxFileMb());
    assertEquals(1_500_000, config.csv().maxRows());
    assertEquals(
        Map.of("external_id", List.of("Employee ID", "Staff No"), "email", List.of("E-mail")),
        config.csv().columns());
    assertEquals(
        new RosterSettings(
            org.titansync.roster.PackageOptions.Expect.ONEROSTER,
            Set.of("teacher", "aide", "ext:coach"),
            Set.of("student", "parent"),
            "identifier",
            List.of("username", "email"),
            "mvusd.org",
            false,
            RosterSettings.SiteKey.IDENTIFIER,
            RosterSettings.DepartmentSite.OWN,
            RosterSettings.DisabledUsers.INCLUDE,
            RosterSettings.RoleDates.HONOUR,
            RosterSettings.SecondaryRoles.IGNORE,
            RosterSettings.MergeBy.EMAIL,
            512),
        config.roster());
    assertEquals(Map.of("lincoln hs", "Lincoln High School"), config.siteAliases());
    assertEquals(Map.of("para", "Paraprofessional"), config.roleMap());

    assertTrue(config.sync().dryRun());
    assertFalse(config.sync().matchExistingByEmail());
    assertEquals(Set.of("boss@district.org"), config.sync().protectedEmails());
    assertEquals(Set.of("E-1"), config.sync().protectedExternalIds());
    assertEquals(Set.of("district admin"), config.sync().protectedRoles());
    assertEquals(OnMissing.DEACTIVATE, config.sync().onMissing());
    assertEquals(5, config.sync().lockWaitSeconds());
    assertEquals(250, config.sync().minFreeMb());
    assertEquals(org.titansync.plan.MembershipScope.ALL, config.sync().membershipScope());
    assertEquals(
        new org.titansync.plan.Grace(2, 7),
        config.planOptions().grace(),
        "remove_after_missing_runs and _days");
    assertTrue(config.planOptions().updateEmailCase());
    assertTrue(config.sync().failOnRowErrors());

    assertEquals(
        new GuardrailsSettings(
            7,
            5.0,
            12.5,
            60.0,
            false,
            false,
            HoldScope.REMOVALS,
            Set.of("principal", "district admin"),
            2,
            15.0,
            40,
            25.0,
            3.5,
            48,
            false,
            false,
            false,
            Set.of("principal")),
        config.guardrails());
    assertEquals(new SyncConfig.Retry(3, 250, 4000, 1.5, 600), config.retry());

    Path base = dir.toAbsolutePath();
    assertEquals(base.resolve("drop/in"), config.paths().inbox());
    assertEquals(base.getParent().resolve("logs"), config.paths().logs());
    assertEquals(Path.of("/var/titan-sync/archive"), config.paths().archive());
    assertEquals(base.resolve("q"), config.paths().quarantine());
    assertEquals(base.resolve("h"), config.paths().held());
    assertEquals(30, config.paths().keepRunsDays());

    SyncConfig.Email email = config.email();
    assertTrue(email.enabled());
    assertEquals("smtp.district.org", email.host());
    assertEquals(2525, email.port());
    assertFalse(email.starttls());
    assertFalse(email.ssl());
    assertEquals("sync", email.username());
    assertEquals("file-password", email.password().reveal());
    assertEquals("sync@district.org", email.from());
    assertEquals(List.of("it@district.org", "safety@district.org"), email.to());
    assertEquals(List.of("boss@district.org"), email.cc());
    assertEquals("[roster]", email.subjectPrefix());
    assertEquals(Set.of("always"), email.sendOn());
    assertTrue(email.attachReports());
    assertEquals("titan-sync.district.org", email.helo());

    SyncConfig.Daemon daemon = config.daemon();
    assertEquals(120, daemon.quietSeconds());
    assertEquals(".done", daemon.doneSuffix());
    assertEquals(10.0, daemon.pollSeconds());
    assertEquals(600, daemon.retrySeconds());
    assertEquals(90, daemon.stopTimeoutSeconds());
    assertEquals(dir.resolve("shared/lock"), daemon.lockDir());
    assertEquals(30.0, daemon.failoverSeconds());
    assertEquals("0.0.0.0", daemon.httpHost());
    assertEquals(9900, daemon.httpPort());
    SyncConfig.Sftp sftp = daemon.sftp();
    assertTrue(sftp.enabled());
    assertEquals("sftp.district.org", sftp.host());
    assertEquals(2222, sftp.port());
    assertEquals("titan", sftp.username());
    assertEquals("sftp-password", sftp.password().reveal());
    assertEquals(dir.resolve("keys/id_ed25519"), sftp.privateKey());
    assertEquals(dir.resolve("keys/known_hosts"), sftp.knownHosts());
    assertEquals("exports/staff", sftp.remoteDir());
    assertEquals(30.0, sftp.pollSeconds());
    assertEquals(SyncConfig.AfterFetch.DELETE, sftp.afterFetch());
    assertEquals(5, sftp.stablePolls());
    assertEquals(4, sftp.downAfterFailures());
    assertEquals(600.0, sftp.backoffSeconds());
    assertEquals(20, sftp.timeoutSeconds());
    assertEquals(new SyncConfig.Logging("json", "DEBUG"), config.logging());
  }

  @Test
  void conversionsHandTheSettingsToRosterAndPlanner() throws Exception {
    SyncConfig config = ConfigLoader.load(write(EVERY_KEY), Map.of());

    assertEquals(
        new RosterOptions(
            '\t',
            "|",
            Charset.forName("windows-1252"),
            Map.of("external_id", List.of("Employee ID", "Staff No"), "email", List.of("E-mail")),
            300L * 1024 * 1024,
            1_500_000),
        config.rosterOptions());
    assertEquals(
        new PlanOptions(
                Map.of("lincoln hs", "Lincoln High School"),
                Map.of("para", "Paraprofessional"),
                false,
                Set.of("boss@district.org"),
                Set.of("E-1"),
                Set.of("district admin"),
                true)
            .withGrace(new org.titansync.plan.Grace(2, 7)),
        config.planOptions());
    assertEquals(PlanOptions.defaults(), ConfigLoader.defaults(dir, Map.of()).planOptions());
    assertEquals(RosterOptions.defaults(), ConfigLoader.defaults(dir, Map.of()).rosterOptions());
  }

  @Test
  void relativePathsResolveAgainstTheConfigFilesFolderNotTheWorkingDirectory() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("etc/titan-sync"));
    Path file = sub.resolve("config.toml");
    Files.writeString(file, "[paths]\ninbox = \"incoming\"\narchive = \"../../done\"\n");

    SyncConfig config = ConfigLoader.load(file, Map.of());

    assertEquals(sub.toAbsolutePath(), config.baseDir());
    assertEquals(sub.toAbsolutePath().resolve("incoming"), config.paths().inbox());
    assertEquals(dir.toAbsolutePath().resolve("done"), config.paths().archive());
    assertEquals(sub.toAbsolutePath().resolve("logs"), config.paths().logs(), "defaults too");
  }

  @Test
  void sslChangesTheDefaultsOfPortAndStarttls() throws Exception {
    SyncConfig config = ConfigLoader.load(write("[email]\nssl = true\n"), Map.of());

    assertEquals(465, config.email().port());
    assertFalse(config.email().starttls());
  }

  @Test
  void aByteOrderMarkIsSkipped() throws Exception {
    SyncConfig config = ConfigLoader.load(write("\uFEFF[titan]\npage_size = 100\n"), Map.of());

    assertEquals(100, config.titan().pageSize());
  }

  @Test
  void theConfigIsImmutable() throws Exception {
    SyncConfig config = ConfigLoader.load(write(EVERY_KEY), Map.of());

    assertThrows(UnsupportedOperationException.class, () -> config.siteAliases().put("a", "b"));
    assertThrows(
        UnsupportedOperationException.class, () -> config.sync().protectedEmails().add("x@y"));
    assertThrows(UnsupportedOperationException.class, () -> config.email().to().add("x@y"));
    assertThrows(
        UnsupportedOperationException.class, () -> config.csv().columns().get("email").add("Mail"));
  }
}
