package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterReader;
import org.titansync.roster.RowError;
import org.titansync.run.AuditEntry;
import org.titansync.run.AuditLog;
import org.titansync.run.ExitCode;
import org.titansync.run.ExportFile;
import org.titansync.run.RunStore;
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
      "which run and file made it, the rows of that file that named the person, and why."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync explain E1042",
      "  titan-sync explain E1042 --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 history shown, 2 nothing known about EXTERNAL_ID."
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
    RunStore store = new RunStore(config.paths().logs());
    AuditLog.Read audit = store.audit().read();
    audit.problems().forEach(p -> out.println("warning: audit log " + p + ": not read"));
    List<AuditEntry.Outcome> lines =
        audit.entries().stream()
            .filter(e -> e instanceof AuditEntry.Outcome)
            .map(e -> (AuditEntry.Outcome) e)
            .filter(o -> externalId.equals(o.subject().externalId()))
            .toList();
    if (lines.isEmpty()) {
      out.println("titan-sync: no change to " + externalId + " in " + store.audit().file());
      return ExitCode.BAD_INPUT;
    }
    Map<String, String> rowsByRun = new HashMap<>();
    for (AuditEntry.Outcome l : lines) {
      AuditEntry.Subject s = l.subject();
      String run = l.runId();
      String rows = rowsByRun.computeIfAbsent(run, r -> rows(store, config, r));
      out.printf("%s  run %s (%s)%n", l.time(), run, s.file());
      out.printf(
          "    %s%s: %s%n",
          s.change(),
          s.site() == null || s.site().isEmpty() ? "" : " at " + s.site(),
          l.result() + (l.done() ? "" : " (" + l.error() + ")"));
      if (s.before() != null) {
        out.println("    before: " + s.before());
      }
      if (s.after() != null) {
        out.println("    after:  " + s.after());
      }
      out.println("    why:    " + why(s.change(), rows));
      out.println("    rows:   " + rows);
    }
    out.println(
        "titan-sync: "
            + lines.size()
            + " changes to "
            + externalId
            + " in "
            + rowsByRun.size()
            + " runs");
    return ExitCode.OK;
  }

  /** The lines of that run's input that named the person, from the run's copy of the file. */
  private String rows(RunStore store, SyncConfig config, String runId) {
    Path input;
    try {
      input = store.folder(runId).resolve("input.csv");
    } catch (IllegalArgumentException e) {
      return "(unknown run)";
    }
    if (!Files.isRegularFile(input)) {
      return "(the run's input is no longer kept: paths.keep_runs_days)";
    }
    try {
      Roster roster = new RosterReader(config.rosterOptions()).read(ExportFile.of(input));
      for (Person p : roster.persons()) {
        if (p.externalId().equals(externalId)) {
          return "lines " + p.lines() + " of " + input;
        }
      }
      for (RowError e : roster.errors()) {
        if (externalId.equals(e.externalId())) {
          return "line " + e.line() + " was refused: " + e.message();
        }
      }
      return "none: the person was not in that file";
    } catch (RosterException | IOException e) {
      return "(input unreadable: " + e.getMessage() + ")";
    }
  }

  private static String why(String change, String rows) {
    boolean inFile = rows.startsWith("lines");
    return switch (change) {
      case "create" -> "in the file, and Titan had no user with this external_id or email";
      case "link" -> "in the file, and a Titan account made by hand had the same email";
      case "update" ->
          "the file's name or email differed from Titan's (or the account was inactive)";
      case "release_email" ->
          "another person of the file needed this email address; moved aside" + " first";
      case "set_roles" -> "the file's roles at this site differed from Titan's";
      case "remove_membership" ->
          inFile
              ? "the file no longer names this site for the person"
              : "the person is no longer in the file";
      case "deactivate" -> "the person is no longer in the file (on_missing = \"deactivate\")";
      default -> change;
    };
  }
}
