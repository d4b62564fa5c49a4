package org.titansync.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.titansync.config.SyncSettings;
import org.titansync.plan.Conflict;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RowError;

/**
 * What each of the last runs did with one person, and if nothing, why: the question a helpdesk asks
 * most ("why wasn't X synced?"). Read from the run folders (plan.json, result.json, the copy of the
 * export) and the audit log; {@code explain} says it in words.
 */
public final class PersonRuns {

  /** What became of a planned change. */
  public enum Fate {
    /** Titan has it. */
    WRITTEN,
    /** Titan refused it. */
    FAILED,
    /** A guardrail held it: nothing was written. */
    HELD,
    /** A dry run: planned only. */
    DRY_RUN,
    /** The run ended before writing it. */
    NOT_WRITTEN
  }

  /** One thing a run said about the person. */
  public sealed interface Note {}

  /** A row naming the person was refused: the line, its text, and why. */
  public record Refused(int line, String row, String message) implements Note {}

  /** The plan would not touch the person (an email held by another account, ...). */
  public record Conflicted(int line, String row, String message) implements Note {}

  /**
   * A change planned for the person, and what became of it.
   *
   * @param change the change as plan.json describes it
   * @param error Titan's answer for a failed change; else empty
   */
  public record Planned(ChangeView change, Fate fate, String error) implements Note {}

  /**
   * Nothing planned for the person.
   *
   * @param lines the lines of the export that named them; empty when the export did not
   * @param protectedBy the setting that protects them now, or empty
   */
  public record Unchanged(List<Integer> lines, String protectedBy) implements Note {}

  /** The run stopped before it had a plan (the file refused, Titan unreachable). */
  public record Stopped(String message) implements Note {}

  /**
   * One run, and what it said about the person.
   *
   * @param result the run's result.json; empty when the run has none
   */
  public record Story(PastRun run, Optional<ResultFile> result, List<Note> notes) {}

  private PersonRuns() {}

  /**
   * What each run did with the person, newest first.
   *
   * @param runIds the runs, newest first
   */
  public static List<Story> of(
      StateFolder store,
      PersonLookup lookup,
      SyncSettings settings,
      String externalId,
      String email,
      List<String> runIds,
      AuditLog.Read audit)
      throws IOException {
    Map<String, Map<String, AuditEntry.Outcome>> outcomes = new HashMap<>();
    for (AuditEntry e : audit.entries()) {
      if (e instanceof AuditEntry.Outcome o && externalId.equals(o.subject().externalId())) {
        outcomes.computeIfAbsent(o.runId(), r -> new HashMap<>()).put(o.subject().key(), o);
      }
    }
    List<Story> stories = new ArrayList<>();
    for (String runId : runIds) {
      Optional<PastRun> found = PastRun.load(store, runId);
      if (found.isEmpty()) {
        continue;
      }
      PastRun run = found.get();
      Optional<ResultFile> result = ResultFile.read(store, run.dir());
      Optional<PlanFile> plan = PlanFile.read(run.dir());
      List<Note> notes = new ArrayList<>();
      if (plan.isEmpty()) {
        notes.add(new Stopped(run.message() == null ? "the run did not finish" : run.message()));
        stories.add(new Story(run, result, List.copyOf(notes)));
        continue;
      }
      for (RowError e : plan.get().rowErrors()) {
        if (same(externalId, e.externalId()) || sameEmail(email, e.email())) {
          notes.add(new Refused(e.line(), lookup.lineText(runId, e.line()), e.message()));
        }
      }
      for (Conflict c : plan.get().conflicts()) {
        if (same(externalId, c.externalId())) {
          notes.add(new Conflicted(c.line(), lookup.lineText(runId, c.line()), c.message()));
        }
      }
      Map<String, AuditEntry.Outcome> written = outcomes.getOrDefault(runId, Map.of());
      for (ChangeView change : plan.get().changes()) {
        if (!externalId.equals(change.externalId())) {
          continue;
        }
        AuditEntry.Outcome o = written.get(change.key());
        notes.add(fate(run, change, o));
      }
      if (notes.isEmpty()) {
        notes.add(
            new Unchanged(
                lines(lookup.roster(runId), externalId), protectedBy(settings, externalId, email)));
      }
      stories.add(new Story(run, result, List.copyOf(notes)));
    }
    return List.copyOf(stories);
  }

  private static Planned fate(PastRun run, ChangeView change, AuditEntry.Outcome o) {
    if (o != null) {
      return o.done()
          ? new Planned(change, Fate.WRITTEN, "")
          : new Planned(change, Fate.FAILED, o.error() == null ? o.result() : o.error());
    }
    if (run.dryRun()) {
      return new Planned(change, Fate.DRY_RUN, "");
    }
    String kind = change.kind();
    boolean held =
        run.held() || run.counts().stream().anyMatch(k -> k.kind().equals(kind) && k.held() > 0);
    return new Planned(change, held ? Fate.HELD : Fate.NOT_WRITTEN, "");
  }

  private static List<Integer> lines(Optional<Roster> roster, String externalId) {
    if (roster.isPresent()) {
      for (Person p : roster.get().persons()) {
        if (p.externalId().equals(externalId)) {
          return p.lines();
        }
      }
    }
    return List.of();
  }

  /** The setting that protects the person now, by external_id or email; else empty. */
  static String protectedBy(SyncSettings settings, String externalId, String email) {
    if (settings.protectedExternalIds().contains(externalId)) {
      return "[sync] protected_external_ids";
    }
    if (email != null && settings.protectedEmails().contains(email.toLowerCase(Locale.ROOT))) {
      return "[sync] protected_emails";
    }
    return "";
  }

  private static boolean same(String a, String b) {
    return a != null && a.equals(b);
  }

  private static boolean sameEmail(String a, String b) {
    return a != null && !a.isEmpty() && b != null && a.equalsIgnoreCase(b);
  }
}
