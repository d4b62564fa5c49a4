package org.titansync.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.titansync.run.RunPurpose;
import org.titansync.run.ShownName;
import org.titansync.run.ShownTime;
import org.titansync.store.Approval;
import org.titansync.store.AuditEntry;
import org.titansync.store.ChangeValues;
import org.titansync.store.PastRun;
import org.titansync.store.PersonHistory;
import org.titansync.store.PersonLookup;
import org.titansync.store.PersonRuns;
import org.titansync.store.ResultFile;
import org.titansync.store.StateFolder;

/**
 * {@code explain} in words a helpdesk can read out: who the person is, what each of the last runs
 * did with them and, when nothing, what kept them back and what to change; then every change
 * titan-sync made to them. Sites and roles by name, times in the machine's zone with the zone
 * named, no Java maps, no "1 changes".
 */
public final class PersonExplanation {
  private final StateFolder store;
  private final ZoneId zone;
  private final Map<String, Optional<PastRun>> runs = new HashMap<>();

  public PersonExplanation(StateFolder store, ZoneId zone) {
    this.store = store;
    this.zone = zone;
  }

  /** The explanation, line by line; its last line is the one-line summary. */
  public List<String> lines(
      PersonLookup.Candidate who, List<PersonRuns.Story> stories, PersonHistory history)
      throws IOException {
    String name = who.name().isEmpty() ? who.externalId() : who.name();
    List<String> out = new ArrayList<>();
    out.add(
        name
            + " (external_id "
            + who.externalId()
            + (who.email().isEmpty() ? "" : ", " + who.email())
            + "). Times are in "
            + ShownTime.zoneName(zone)
            + ".");
    out.add("");
    out.add(
        stories.size() == 1
            ? "The last run:"
            : "The last " + stories.size() + " runs, newest first:");
    for (PersonRuns.Story story : stories) {
      out.add("  " + heading(story.run()));
      for (PersonRuns.Note note : story.notes()) {
        note(out, name, story, note);
      }
    }
    out.add("");
    if (history.changes().isEmpty()) {
      out.add(
          "titan-sync has written no change to "
              + name
              + " (audit log "
              + store.audit().file()
              + ").");
    } else {
      out.add("Changes titan-sync wrote to " + name + ", oldest first:");
      for (PersonHistory.Step step : history.changes()) {
        AuditEntry.Outcome o = step.line();
        AuditEntry.Subject s = o.subject();
        Optional<PastRun> run = run(o.runId());
        out.add(
            "  "
                + ShownTime.of(o.time(), zone)
                + "  run "
                + o.runId()
                + (run.isPresent() ? " (" + purpose(run.get()) + ")" : ""));
        out.add(
            "    "
                + name
                + " "
                + RecordedChangeWords.of(
                    s.change(),
                    s.site() == null ? "" : s.site(),
                    fields(s.before()),
                    fields(s.after()))
                + ": "
                + (o.done() ? "done" : "not done (" + o.error() + ")"));
        out.add("    why: " + why(run, step));
        out.add("    rows: " + step.rows());
      }
    }
    history.problems().forEach(p -> out.add("warning: audit log " + p + ": not read"));
    out.add(summary(name, who.externalId(), stories, history));
    return out;
  }

  private void note(List<String> out, String name, PersonRuns.Story story, PersonRuns.Note note)
      throws IOException {
    if (note instanceof PersonRuns.Refused r) {
      out.add("    Not synced: line " + r.line() + " of the export was refused:");
      if (!r.row().isEmpty()) {
        out.add("      " + ShownName.escape(r.row()));
      }
      out.add("    Why: " + r.message());
      out.add(
          "    What to change: correct line "
              + r.line()
              + " in the SIS as the message says; the next export then syncs "
              + name
              + ".");
    } else if (note instanceof PersonRuns.Conflicted c) {
      out.add("    Not synced: titan-sync would not touch " + name + " (line " + c.line() + "):");
      if (!c.row().isEmpty()) {
        out.add("      " + ShownName.escape(c.row()));
      }
      out.add("    Why: " + c.message());
      out.add(
          "    What to change: decide which Titan account is "
              + name
              + "'s, then correct the email or external_id in the SIS or in Titan.");
    } else if (note instanceof PersonRuns.Planned p) {
      planned(out, name, story, p);
    } else if (note instanceof PersonRuns.Unchanged u) {
      unchanged(out, name, story.run(), u);
    } else if (note instanceof PersonRuns.Stopped st) {
      out.add("    The run stopped before it planned anything: " + ShownName.escape(st.message()));
      out.add("    What to change: see " + story.run().dir().resolve("report.txt") + ".");
    }
  }

  private static void unchanged(
      List<String> out, String name, PastRun run, PersonRuns.Unchanged u) {
    if (run.purpose() instanceof RunPurpose.Revert r) {
      out.add("    Nothing to undo for " + name + ": run " + r.runId() + " did not change them.");
    } else if (!u.protectedBy().isEmpty()) {
      out.add(
          "    Not synced: "
              + name
              + " is protected by "
              + u.protectedBy()
              + " in the config; titan-sync never changes a protected person.");
      out.add(
          "    What to change: take them out of " + u.protectedBy() + " if they should be synced.");
    } else if (u.lines().isEmpty()) {
      out.add("    Not in this export: nothing was planned for " + name + ".");
    } else {
      out.add(
          "    Nothing to change: "
              + (u.lines().size() == 1
                  ? "line " + u.lines().get(0)
                  : "lines " + joinLines(u.lines()))
              + " of the export already matched Titan.");
    }
  }

  private void planned(List<String> out, String name, PersonRuns.Story story, PersonRuns.Planned p)
      throws IOException {
    String what =
        name
            + " "
            + RecordedChangeWords.of(
                p.change().kind(),
                p.change().site() == null ? "" : p.change().site(),
                fields(p.change().before()),
                fields(p.change().after()));
    switch (p.fate()) {
      case WRITTEN -> out.add("    Done: " + what + ".");
      case DRY_RUN -> out.add("    Planned only (a dry run): " + what + ".");
      case NOT_WRITTEN -> out.add("    Not written (the run ended before it): " + what + ".");
      case FAILED -> {
        out.add("    Failed: " + what + ". Titan answered: " + p.error());
        out.add("    What to change: the next run tries again; if it fails again, see the report.");
      }
      case HELD -> {
        out.add("    Held, nothing written: " + what + ".");
        Optional<ResultFile> r = story.result();
        String cause = r.map(ResultFile::likelyCause).orElse(null);
        if (cause != null && !cause.isEmpty()) {
          out.add("    Why: " + cause);
        } else if (r.isPresent() && !r.get().holdReasons().isEmpty()) {
          out.add("    Why: " + r.get().holdReasons().get(0));
        }
        Approval a = story.run().approval();
        if (a != null) {
          out.add("    Approved since: " + approval(a) + ".");
        } else {
          String command = r.map(ResultFile::approveCommand).orElse(null);
          out.add(
              "    What to change: if these changes are right, "
                  + (command == null ? "approve the run" : command)
                  + "; if not, correct the export and send it again.");
        }
      }
    }
  }

  private static Map<String, Object> fields(ChangeValues values) {
    return values == null ? null : values.fields();
  }

  /** "2026-11-26 17:36:21 Europe/Paris run 20261126-173621-9f3a: a sync of staff.csv, applied". */
  private String heading(PastRun run) throws IOException {
    String status = run.status() == null ? "did not finish" : run.status().replace('_', ' ');
    return ShownTime.of(run.startedAt(), zone)
        + "  run "
        + run.runId()
        + ": "
        + purpose(run)
        + (run.dryRun() && !"dry_run".equals(run.status()) ? " (dry run)" : "")
        + ", "
        + status;
  }

  /** A run's purpose in words, never the audit log as its input. */
  private String purpose(PastRun run) throws IOException {
    RunPurpose purpose = run.purpose();
    if (purpose instanceof RunPurpose.Approve a) {
      Optional<PastRun> held = run(a.heldRunId());
      Approval approval = held.map(PastRun::approval).orElse(null);
      return "the approval of held run "
          + a.heldRunId()
          + (approval == null ? "" : ", " + approval(approval));
    }
    if (purpose instanceof RunPurpose.Revert r) {
      return "the undo of run "
          + r.runId()
          + (r.deleteCreated() ? ", its new accounts included" : "");
    }
    return "a sync of "
        + (run.input() == null || run.input().isEmpty()
            ? "an export"
            : ShownName.of(Path.of(run.input())));
  }

  /** "approved by alice (as Dana Reyes) on host-1 at 2026-11-26 18:30:00 Europe/Paris: "ok"". */
  private String approval(Approval a) {
    return "approved by " + a.describe(zone);
  }

  private String why(Optional<PastRun> run, PersonHistory.Step step) throws IOException {
    if (run.isPresent() && run.get().purpose() instanceof RunPurpose.Revert r) {
      return "it undoes what run " + r.runId() + " changed";
    }
    if (run.isPresent() && run.get().purpose() instanceof RunPurpose.Approve) {
      return purpose(run.get()) + "; " + step.why();
    }
    return step.why();
  }

  private Optional<PastRun> run(String runId) throws IOException {
    Optional<PastRun> known = runs.get(runId);
    if (known == null) {
      known = PastRun.load(store, runId);
      runs.put(runId, known);
    }
    return known;
  }

  private static String joinLines(List<Integer> lines) {
    List<String> parts = new ArrayList<>();
    lines.forEach(l -> parts.add(String.valueOf(l)));
    return String.join(", ", parts);
  }

  private static String summary(
      String name, String externalId, List<PersonRuns.Story> stories, PersonHistory history) {
    String last = "";
    if (!stories.isEmpty()) {
      PersonRuns.Story newest = stories.get(0);
      last = "; in the last run: " + lastWord(newest);
    }
    return "titan-sync: "
        + name
        + " ("
        + externalId
        + "): "
        + (history.changes().isEmpty()
            ? "no change written"
            : Plural.of(history.changes().size(), "change")
                + " written in "
                + Plural.of(history.runs(), "run"))
        + last;
  }

  private static String lastWord(PersonRuns.Story story) {
    for (PersonRuns.Note n : story.notes()) {
      if (n instanceof PersonRuns.Refused r) {
        return "not synced, line " + r.line() + " refused";
      }
      if (n instanceof PersonRuns.Conflicted) {
        return "not synced, a conflict";
      }
      if (n instanceof PersonRuns.Planned p && p.fate() == PersonRuns.Fate.HELD) {
        return "held";
      }
      if (n instanceof PersonRuns.Planned p && p.fate() == PersonRuns.Fate.FAILED) {
        return "a change failed";
      }
      if (n instanceof PersonRuns.Unchanged u && !u.protectedBy().isEmpty()) {
        return "protected";
      }
      if (n instanceof PersonRuns.Stopped) {
        return "the run stopped before planning";
      }
    }
    PersonRuns.Note first = story.notes().get(0);
    if (first instanceof PersonRuns.Unchanged u) {
      return u.lines().isEmpty() ? "not in the export" : "nothing to change";
    }
    return first instanceof PersonRuns.Planned p && p.fate() == PersonRuns.Fate.DRY_RUN
        ? "planned (dry run)"
        : "synced";
  }
}
