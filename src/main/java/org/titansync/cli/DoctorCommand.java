package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.titansync.app.InProcessSandbox;
import org.titansync.config.ConfigException;
import org.titansync.config.PlainHttpWarning;
import org.titansync.config.SyncConfig;
import org.titansync.config.TitanSettings;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.PrivilegedRolesInTitan;
import org.titansync.guard.WindowEntry;
import org.titansync.notify.MailCheck;
import org.titansync.plan.MappingCheck;
import org.titansync.plan.Snapshot;
import org.titansync.run.ShownName;
import org.titansync.sftp.SftpCheck;
import org.titansync.store.AuditLog;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doctor}: checks the config, the key, the connection, the mappings and the folders. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the config, the API key and the connection to Titan, the [sites.aliases] and",
      "[roles.map] targets against Titan's sites and roles, the folders, and when set the SFTP",
      "server (host key, login, folder, move) and the mail server (STARTTLS, login); prints what",
      "to fix."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync doctor --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 all good, 2 config, mapping, folder, SFTP or mail problems, 5 Titan unreachable or key"
          + " refused."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--sandbox",
      description =
          "Check against the built-in Titan sandbox (as `sync --sandbox` uses it); no config file"
              + " needed.")
  boolean sandbox;

  @Option(
      names = "--test-mail",
      description =
          "With [email] on, also send a short test mail to email.to (the login and STARTTLS are"
              + " checked either way).")
  boolean testMail;

  @Override
  public Integer call() throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    SyncConfig config;
    try {
      config = configOptions.load(sandbox);
      out.println(
          "ok    config "
              + (config.configFile() == null
                  ? "(none: defaults)"
                  : ShownName.escape(config.configFile().toString())));
    } catch (ConfigException e) {
      out.println("FIX   " + e.getMessage());
      out.println("titan-sync: doctor found a config problem");
      return ExitCode.BAD_INPUT;
    }
    if (!sandbox) {
      return check(config, out);
    }
    InProcessSandbox started;
    try {
      started = InProcessSandbox.start(config);
    } catch (InProcessSandbox.Busy e) {
      out.println("FIX   " + e.getMessage());
      out.println("titan-sync: doctor could not use the sandbox");
      return ExitCode.BUSY;
    }
    try (InProcessSandbox box = started) {
      out.println("ok    " + box.describe());
      return check(box.pointAt(config), out);
    }
  }

  private int check(SyncConfig config, PrintWriter out) {
    List<String> problems = new ArrayList<>();
    String exposed = org.titansync.config.ConfigFilePermissions.problem(config.source());
    if (exposed != null) {
      out.println("FIX   " + exposed);
      problems.add(exposed);
    }
    checkFolders(config, out, problems);
    checkAuditLog(config, out);
    checkWindow(config, out, problems);
    int exit = problems.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
    List<String> missing = config.missingForApi();
    if (!missing.isEmpty()) {
      missing.forEach(m -> out.println("FIX   set " + m));
      problems.addAll(missing);
      exit = ExitCode.BAD_INPUT;
    } else {
      TitanSettings t = config.titan();
      PlainHttpWarning.of(t.baseUrl()).ifPresent(w -> out.println("WARN  " + w));
      TitanClient client = org.titansync.app.TitanSyncApp.clientFor(config);
      try {
        client.checkAccess();
        out.println(
            "ok    Titan at "
                + t.baseUrl()
                + (t.proxy().isEmpty() ? "" : " (through the proxy " + t.proxy() + ")")
                + " answers and accepts the key");
        Snapshot s = client.readSnapshot();
        out.println(
            "ok    Titan has "
                + s.sites().size()
                + " sites, "
                + s.roles().size()
                + " roles, "
                + s.users().size()
                + " users ("
                + s.users().stream().filter(u -> u.externalId() != null).count()
                + " managed)");
        checkMappings(config, s, out, problems);
        privilegedRoles(config, s, out, problems);
        if (!problems.isEmpty()) {
          exit = ExitCode.BAD_INPUT;
        }
      } catch (TitanException e) {
        out.println("FIX   " + e.getMessage());
        out.println("      next: " + nextStep(e, t));
        problems.add(e.getMessage());
        exit = ExitCode.UNREACHABLE;
      }
    }
    int before = problems.size();
    checkSftpAndMail(config, out, problems);
    if (problems.size() > before && exit == ExitCode.OK) {
      exit = ExitCode.BAD_INPUT;
    }
    out.println(
        problems.isEmpty()
            ? "titan-sync: doctor found nothing to fix"
            : "titan-sync: doctor found " + problems.size() + " thing(s) to fix");
    return exit;
  }

  /** What to try when Titan did not answer as it should, in the order a person would. */
  static String nextStep(TitanException e, TitanSettings t) {
    String host = java.net.URI.create(t.baseUrl()).getHost();
    return switch (e.handling()) {
      case AUTH ->
          "check the key: TITAN_API_KEY (in /etc/titan-sync/env) or titan.api_key must be a key"
              + " of this Titan tenant with user-management permission; ask the Titan admin for"
              + " a new one if it was rotated";
      case REJECTED ->
          "check titan.base_url: it must be the API root of your tenant, ending in /api/v1";
      default ->
          "check that this machine reaches "
              + host
              + ": `curl -sS -o /dev/null -w '%{http_code}\\n' "
              + t.baseUrl()
              + "/sites?limit=1` should print 401 (reachable, key not sent); if it hangs or"
              + " fails, check DNS, the firewall and "
              + (t.proxy().isEmpty()
                  ? "whether this network needs a proxy ([titan] proxy)"
                  : "the proxy " + t.proxy())
              + "; then run doctor again";
    };
  }

  /**
   * [sftp] and [email], when set: connects to each as the daemon and the run's mail would, and
   * names the fix for each failure.
   */
  private void checkSftpAndMail(SyncConfig c, PrintWriter out, List<String> problems) {
    if (c.daemon().sftp().enabled()) {
      for (SftpCheck.Finding f :
          SftpCheck.run(c.daemon().sftp(), c.rosterOptions().maxFileBytes())) {
        out.println((f.ok() ? "ok    " : "FIX   ") + f.text());
        if (!f.ok()) {
          problems.add(f.text());
        }
      }
    }
    if (c.email().enabled()) {
      for (MailCheck.Finding f : MailCheck.run(c.email(), testMail)) {
        out.println((f.ok() ? "ok    " : "FIX   ") + f.text());
        if (!f.ok()) {
          problems.add(f.text());
        }
      }
    }
  }

  /** Lines of the audit log that cannot be read: explain and revert would pass them by. */
  private static void checkAuditLog(SyncConfig c, PrintWriter out) {
    try {
      AuditLog.Read audit = StateFolder.of(c.paths()).audit().read();
      audit
          .problems()
          .forEach(
              p ->
                  out.println(
                      "WARN  audit log "
                          + p
                          + (p.contains(": torn")
                              ? ""
                              : " (while the guardrails' window needs this file, every run that"
                                  + " writes is held: repair or remove the line)")));
      if (audit.problems().isEmpty()) {
        out.println("ok    audit log: " + audit.entries().size() + " lines, all readable");
      }
    } catch (IOException e) {
      out.println("WARN  audit log cannot be read: " + e.getMessage());
    }
  }

  /**
   * The guardrails' window: a memory that cannot be read holds every run that writes, so it is a
   * thing to fix, with the repair.
   */
  private static void checkWindow(SyncConfig c, PrintWriter out, List<String> problems) {
    StateFolder store = StateFolder.of(c.paths());
    WindowLedger ledger =
        new WindowLedger(store, new PrivilegedRoles(c.guardrails().privilegedRoles()));
    try {
      Optional<List<WindowEntry>> stored = ledger.stored();
      if (stored.isEmpty()) {
        out.println(
            "ok    guardrails' window "
                + ledger.file()
                + ": not kept yet; the next run builds it from the audit log");
        return;
      }
      for (WindowEntry e : stored.get()) {
        if (e.writing()) {
          out.println(
              "WARN  run "
                  + e.runId()
                  + " started writing at "
                  + java.time.Instant.ofEpochSecond(e.finishedAt())
                  + " and never ended (it was stopped): the next run counts its writes from the"
                  + " audit log");
        }
      }
      out.println(
          "ok    guardrails' window "
              + ledger.file()
              + ": "
              + stored.get().size()
              + (stored.get().size() == 1 ? " run" : " runs")
              + " of the last 720 h");
    } catch (WindowLedger.Unreadable e) {
      out.println("FIX   " + e.getMessage());
      problems.add(e.getMessage());
    }
  }

  private static void checkFolders(SyncConfig c, PrintWriter out, List<String> problems) {
    Map<String, Path> folders =
        Map.of(
            "inbox", c.paths().inbox(),
            "logs", c.paths().logs(),
            "archive", c.paths().archive(),
            "quarantine", c.paths().quarantine(),
            "held", c.paths().held());
    for (String name : new TreeSet<>(folders.keySet())) {
      Path p = folders.get(name);
      try {
        Files.createDirectories(p);
        Path probe = Files.createTempFile(p, ".doctor", ".tmp");
        Files.delete(probe);
        out.println("ok    paths." + name + " " + p + " is writable");
      } catch (IOException | SecurityException e) {
        String m = "paths." + name + " " + p + " is not writable: " + e.getMessage();
        out.println("FIX   " + m);
        problems.add(m);
      }
    }
  }

  /** The names [sites.aliases], [roles.map] and protected_roles point at, against Titan's. */
  private static void checkMappings(
      SyncConfig c, Snapshot s, PrintWriter out, List<String> problems) {
    List<String> found = MappingCheck.problems(c.planOptions(), s.sites(), s.roles());
    found.forEach(m -> out.println("FIX   " + m));
    problems.addAll(found);
    if (problems.isEmpty()) {
      out.println(
          "ok    "
              + c.siteAliases().size()
              + " site aliases and "
              + c.roleMap().size()
              + " role mappings name sites and roles Titan has");
    }
  }

  /**
   * The roles the guardrails count as privileged in this Titan, so that an admin sees what
   * max_privileged_changes watches; a configured name Titan lacks is a thing to fix.
   */
  private static void privilegedRoles(
      SyncConfig c, Snapshot s, PrintWriter out, List<String> problems) {
    Set<String> configured = c.guardrails().privilegedRoles();
    PrivilegedRolesInTitan privileged = PrivilegedRolesInTitan.of(configured, s.roles());
    out.println(
        "ok    privileged roles in Titan ("
            + new PrivilegedRoles(configured).describe()
            + "): "
            + (privileged.found().isEmpty() ? "none" : String.join(", ", privileged.found())));
    privileged.problems().forEach(m -> out.println("FIX   " + m));
    problems.addAll(privileged.problems());
  }
}
