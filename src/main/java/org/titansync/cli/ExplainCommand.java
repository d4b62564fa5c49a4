package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.plan.MembershipScope;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanUser;
import org.titansync.report.OwnershipView;
import org.titansync.run.ShownName;
import org.titansync.store.AuditEntry;
import org.titansync.store.OwnershipHistory;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain EXTERNAL_ID}: one person's history across runs, from the audit log. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Shows every change titan-sync made to one person, oldest first, from logs/audit.jsonl:",
      "which run and file made it, the rows of that file that named the person, and why;",
      "then, per membership and role the person holds in Titan now, whether titan-sync owns it",
      "and why, and since when the person is missing from the file."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync explain E1042",
      "  titan-sync explain E1042 --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 history or ownership shown, 2 nothing known about EXTERNAL_ID."
    })
public final class ExplainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--sandbox",
      description =
          "The runs of the built-in Titan sandbox (as `sync --sandbox` keeps them); no config"
              + " file needed.")
  boolean sandbox;

  @Parameters(index = "0", paramLabel = "EXTERNAL_ID", description = "The person's SIS key.")
  String externalId;

  @Override
  public Integer call() throws IOException, ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    SyncConfig config = configOptions.load(true);
    StateFolder store = StateFolder.of(config.paths());
    PersonHistory history = PersonHistory.of(store, config.rosterOptions(), externalId);
    history.problems().forEach(p -> out.println("warning: audit log " + p + ": not read"));
    boolean known = ownership(out, config, store);
    if (history.changes().isEmpty()) {
      out.println("titan-sync: no change to " + externalId + " in " + store.audit().file());
      return known ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
    for (PersonHistory.Step step : history.changes()) {
      AuditEntry.Outcome l = step.line();
      AuditEntry.Subject s = l.subject();
      // The file's name and the site's come from outside: each stays on its line.
      out.printf("%s  run %s (%s)%n", l.time(), l.runId(), ShownName.escape(s.file()));
      out.printf(
          "    %s%s: %s%n",
          s.change(),
          s.site() == null || s.site().isEmpty() ? "" : " at " + ShownName.escape(s.site()),
          l.result() + (l.done() ? "" : " (" + l.error() + ")"));
      if (s.before() != null) {
        out.println("    before: " + s.before());
      }
      if (s.after() != null) {
        out.println("    after:  " + s.after());
      }
      out.println("    why:    " + step.why());
      out.println("    rows:   " + step.rows());
    }
    out.println(
        "titan-sync: "
            + history.changes().size()
            + " changes to "
            + externalId
            + " in "
            + history.runs()
            + " runs");
    return ExitCode.OK;
  }

  /**
   * Per membership and role the person holds in Titan now, whether titan-sync owns it and why;
   * since when they are missing. True when anything is known of the person.
   */
  private boolean ownership(PrintWriter out, SyncConfig config, StateFolder store) {
    String titan = sandbox ? SyncConfig.Titan.SANDBOX : config.titan().identity();
    OwnershipHistory owns;
    try {
      owns = OwnershipHistory.of(store, titan, externalId);
    } catch (WindowLedger.Unreadable e) {
      out.println("warning: " + e.getMessage());
      return false;
    }
    Map<String, String> siteNames = new HashMap<>();
    Map<String, String> roleNames = new HashMap<>();
    Optional<TitanUser> user = Optional.empty();
    if (!sandbox && config.missingForApi().isEmpty()) {
      try {
        TitanClient client = TitanSyncApp.clientFor(config);
        Snapshot catalog = client.readCatalog();
        catalog.sites().forEach(s -> siteNames.put(s.id(), s.name()));
        catalog.roles().forEach(r -> roleNames.put(r.id(), r.name()));
        user = client.findByExternalId(externalId);
      } catch (TitanException | RuntimeException e) {
        out.println(
            "warning: Titan could not be read ("
                + e.getMessage()
                + "): what titan-sync owns is shown from its memory alone");
      }
    }
    return new OwnershipView(
            out, titan, config.sync().membershipScope() == MembershipScope.OWNED, externalId)
        .print(owns, user, siteNames, roleNames);
  }
}
