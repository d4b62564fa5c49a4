package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.report.PersonExplanation;
import org.titansync.store.AuditLog;
import org.titansync.store.PersonHistory;
import org.titansync.store.PersonLookup;
import org.titansync.store.PersonRuns;
import org.titansync.store.StateFolder;
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
          + " every change titan-sync wrote to them, oldest first, from logs/audit.jsonl."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync explain \"Maria Gonzalez\"",
      "  titan-sync explain maria.gonzalez@mvusd.org --runs 30",
      "  titan-sync explain E1042 --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 explained, 2 nobody or several people match WHO (they are listed)."
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
    new PersonExplanation(store, ZoneId.systemDefault())
        .lines(person, stories, history)
        .forEach(out::println);
    return ExitCode.OK;
  }
}
