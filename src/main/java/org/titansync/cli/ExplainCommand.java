package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.config.TitanSettings;
import org.titansync.plan.MembershipScope;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanUser;
import org.titansync.report.OwnershipView;
import org.titansync.report.PersonExplanation;
import org.titansync.store.AuditLog;
import org.titansync.store.OwnershipHistory;
import org.titansync.store.PersonHistory;
import org.titansync.store.PersonLookup;
import org.titansync.store.PersonRuns;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain WHO}: what the last runs did with one person, why not, and their history. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Answers \"why wasn't this person synced?\" and \"what did titan-sync do to them?\". WHO is"
          + " an external_id, an email or a name (\"Jane Doe\", \"Doe, Jane\"; accents and case do"
          + " not matter); when several people match, they are listed to choose from.",
      "For each of the last runs: what was done, or what kept the person back (the refused line"
          + " and its text, a conflict, a guardrail's hold, protection) and what to change. Then"
          + " every change titan-sync wrote to them, oldest first, from logs/audit.jsonl; then, per"
          + " membership and role the person holds in Titan now, whether titan-sync owns it and"
          + " why, and since when the person is missing from the file."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync explain \"Maria Gonzalez\"",
      "  titan-sync explain maria.gonzalez@mvusd.org --runs 30",
      "  titan-sync explain E1042 --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 explained (or only what titan-sync owns of an external_id known to its"
          + " memory or to Titan), 2 nobody or several people match WHO (they are listed)."
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

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the latest runs to look at (default: ${DEFAULT-VALUE}).")
  int lastRuns;

  @Parameters(index = "0", paramLabel = "WHO", description = "An external_id, an email or a name.")
  String who;

  @Override
  public Integer call() throws IOException, ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    SyncConfig config = configOptions.load(true);
    StateFolder store = StateFolder.of(config.paths());
    List<String> ids = store.runIds();
    ids = ids.subList(0, Math.min(Math.max(lastRuns, 0), ids.size()));
    AuditLog.Read audit = store.audit().read();
    PersonLookup lookup = new PersonLookup(store, config.rosterOptions());
    List<PersonLookup.Candidate> found = lookup.find(who, ids, audit);
    if (found.isEmpty()) {
      // Nobody in the runs or the audit log: titan-sync's memory of its Titan, or Titan itself,
      // may still know WHO as an external_id (a person no kept run names).
      StringWriter owned = new StringWriter();
      PrintWriter ownedOut = new PrintWriter(owned);
      boolean known = ownership(ownedOut, config, store, who);
      ownedOut.flush();
      if (known) {
        out.print(owned);
        return ExitCode.OK;
      }
      out.println(
          "titan-sync: nobody matches \""
              + who
              + "\" in the last "
              + ids.size()
              + (ids.size() == 1 ? " run" : " runs")
              + " or in "
              + store.audit().file()
              + " (try the external_id, the email, or --runs N for older runs)");
      return ExitCode.BAD_INPUT;
    }
    if (found.size() > 1) {
      out.println(found.size() + " people match \"" + who + "\"; explain one by its external_id:");
      for (PersonLookup.Candidate c : found) {
        out.println(
            "  "
                + c.externalId()
                + "  "
                + (c.name().isEmpty() ? "(name not known)" : c.name())
                + (c.email().isEmpty() ? "" : "  " + c.email())
                + "  ("
                + c.seen()
                + ")");
      }
      out.println("titan-sync: " + found.size() + " people match \"" + who + "\"; none explained");
      return ExitCode.BAD_INPUT;
    }
    PersonLookup.Candidate person = lookup.named(found.get(0), ids);
    List<PersonRuns.Story> stories =
        PersonRuns.of(
            store, lookup, config.sync(), person.externalId(), person.email(), ids, audit);
    PersonHistory history = PersonHistory.of(store, config.rosterOptions(), person.externalId());
    List<String> lines =
        new PersonExplanation(store, ZoneId.systemDefault()).lines(person, stories, history);
    // What titan-sync owns of them comes before the one-line summary, which stays the last line.
    lines.subList(0, lines.size() - 1).forEach(out::println);
    if (person.externalId() != null && !person.externalId().isEmpty()) {
      ownership(out, config, store, person.externalId());
    }
    out.println(lines.get(lines.size() - 1));
    return ExitCode.OK;
  }

  /**
   * Per membership and role the person holds in Titan now, whether titan-sync owns it and why;
   * since when they are missing. True when anything is known of the person.
   */
  private boolean ownership(
      PrintWriter out, SyncConfig config, StateFolder store, String externalId) {
    String titan = sandbox ? TitanSettings.SANDBOX : config.titan().identity();
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
