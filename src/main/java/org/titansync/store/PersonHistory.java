package org.titansync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;
import org.titansync.roster.RosterReader;
import org.titansync.run.ExportFile;

/**
 * One person's history across runs, from the audit log ({@code explain}): every change titan-sync
 * made to them, oldest first, with the rows of that run's file that named them and why.
 *
 * @param problems lines of the audit log that could not be read
 * @param changes the person's changes, oldest first; empty when the log has none
 * @param runs how many runs made them
 */
public record PersonHistory(List<String> problems, List<Step> changes, int runs) {

  /**
   * One change made to the person.
   *
   * @param line the audit log's outcome line
   * @param rows the lines of that run's input that named the person, or why they cannot be shown
   * @param why the change in plain words
   */
  public record Step(AuditEntry.Outcome line, String rows, String why) {}

  /** The history of the person with this external_id, as the audit log and run folders tell it. */
  public static PersonHistory of(StateFolder store, RosterOptions options, String externalId)
      throws IOException {
    AuditLog.Read audit = store.audit().read();
    Map<String, String> rowsByRun = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    for (AuditEntry e : audit.entries()) {
      if (e instanceof AuditEntry.Outcome o && externalId.equals(o.subject().externalId())) {
        String rows =
            rowsByRun.computeIfAbsent(o.runId(), r -> rows(store, options, r, externalId));
        steps.add(new Step(o, rows, why(o.subject().change(), rows)));
      }
    }
    return new PersonHistory(List.copyOf(audit.problems()), List.copyOf(steps), rowsByRun.size());
  }

  /** The lines of that run's input that named the person, from the run's copy of the file. */
  private static String rows(
      StateFolder store, RosterOptions options, String runId, String externalId) {
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
      Optional<InputRecord> record = InputRecord.read(store, store.folder(runId));
      Roster roster =
          record.isPresent()
              ? record.get().copyAt(input).read()
              : new RosterReader(options).read(ExportFile.of(input));
      for (Person p : roster.persons()) {
        if (p.externalId().equals(externalId)) {
          if (record.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            p.lines().forEach(l -> numbers.add(String.valueOf(l)));
            return (numbers.size() == 1 ? "line " : "lines ")
                + String.join(", ", numbers)
                + " of "
                + input;
          }
          List<String> rows = new ArrayList<>();
          p.sites().forEach(s -> rows.add(s.source() + ":" + s.line()));
          return "rows " + String.join(", ", rows) + " (the run's copy: " + input + ")";
        }
      }
      for (var e : roster.errors()) {
        if (externalId.equals(e.externalId())) {
          return (e.source() == null ? "line " + e.line() : e.position())
              + " was refused: "
              + e.message();
        }
      }
      return "none: the person was not in that file";
    } catch (RosterException | IOException e) {
      return "(input unreadable: " + e.getMessage() + ")";
    }
  }

  /** Why a change of this kind was made, as far as the rows of the file tell. */
  private static String why(String change, String rows) {
    boolean inFile =
        (rows.startsWith("line") && !rows.contains(" was refused")) || rows.startsWith("rows ");
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
