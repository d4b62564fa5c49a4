package org.titansync.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;

/**
 * The guardrails' window as the audit log tells it, the source of what each run wrote: each run's
 * writes that may have been made ({@link WrittenTally}), with what its run line says (its Titan,
 * what excused it, what titan-sync managed). Read a line at a time, keeping only each write's
 * change, so a large log costs time once, not memory. A line that cannot be read is never passed
 * over: it may be a write, so the window cannot be known ({@link WindowLedger.Unreadable}). The
 * lines are read by {@link AuditScan}, which {@link TitanMemory} reads them with too.
 */
final class AuditWindow {
  private final AuditLog audit;
  private final PrivilegedRoles privileged;

  AuditWindow(AuditLog audit, PrivilegedRoles privileged) {
    this.audit = audit;
    this.privileged = privileged;
  }

  /** Every run with a line after {@code since} (epoch seconds), oldest first. */
  List<WindowEntry> runsSince(long since, long now) throws WindowLedger.Unreadable {
    Map<String, RunLines> runs = scan(since, line -> true, now);
    List<WindowEntry> out = new ArrayList<>();
    for (RunLines r : runs.values()) {
      WindowEntry e = r.entry(privileged, now);
      if (r.last > since && !e.tally().equals(Tally.ZERO)) {
        out.add(e); // as a run that ends: one that wrote nothing leaves none
      }
    }
    return out;
  }

  /**
   * Runs that started writing and never ended (killed), counted from their lines. A run whose run
   * line is not in the log keeps what it planned: nothing says it wrote less.
   */
  List<WindowEntry> ended(List<WindowEntry> writing, long now) throws WindowLedger.Unreadable {
    long since = Long.MAX_VALUE;
    for (WindowEntry e : writing) {
      since = Math.min(since, e.finishedAt());
    }
    Set<String> ids = new java.util.HashSet<>();
    writing.forEach(e -> ids.add(e.runId()));
    // A run's lines are in files written to after it started (a minute's slack for the clock).
    Map<String, RunLines> runs =
        scan(since - 60, line -> ids.stream().anyMatch(line::contains), now);
    List<WindowEntry> out = new ArrayList<>();
    for (WindowEntry e : writing) {
      RunLines lines = runs.get(e.runId());
      if (lines == null || lines.run == null) {
        out.add(e.ended(e.finishedAt(), e.tally()));
      } else {
        out.add(e.ended(Math.max(e.finishedAt(), lines.last), lines.tally(privileged)));
      }
    }
    return out;
  }

  /**
   * The lines that {@code wanted} accepts (by their text) of the files written to at or after
   * {@code since}, kept by run.
   */
  private Map<String, RunLines> scan(long since, Predicate<String> wanted, long now)
      throws WindowLedger.Unreadable {
    Map<String, RunLines> runs = new LinkedHashMap<>();
    new AuditScan(audit)
        .scan(
            since,
            wanted,
            parsed -> {
              Change change = parsed instanceof AuditEntry e ? WrittenChange.of(e.subject()) : null;
              RunLines run = runs.computeIfAbsent(parsed.runId(), RunLines::new);
              run.last = Math.max(run.last, epochSeconds(parsed.time(), now));
              if (parsed instanceof AuditRun r) {
                if (run.run == null) {
                  run.run = r;
                }
              } else if (parsed instanceof AuditEntry.Intent i) {
                run.write(i.subject().key(), change).sent = true;
              } else if (parsed instanceof AuditEntry.Outcome o) {
                run.write(o.subject().key(), change).last = o;
              }
            });
    return runs;
  }

  /** A line's time; one that does not say counts as now. */
  private static long epochSeconds(String time, long now) {
    if (time == null || time.isEmpty()) {
      return now;
    }
    try {
      return Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return now;
    }
  }

  /** One run's lines. */
  private static final class RunLines {
    private final String runId;
    private AuditRun run;
    private long last = Long.MIN_VALUE;
    private final Map<String, Write> writes = new LinkedHashMap<>();

    RunLines(String runId) {
      this.runId = runId;
    }

    Write write(String key, Change change) {
      return writes.computeIfAbsent(key, k -> new Write(change));
    }

    Tally tally(PrivilegedRoles privileged) {
      List<Change> made = new ArrayList<>();
      for (Write w : writes.values()) {
        if (WrittenTally.mayHaveBeenMade(w.sent, w.last)) {
          made.add(w.change);
        }
      }
      return Tally.of(new Plan(made, List.of(), List.of(), null), privileged, c -> true);
    }

    /** The run as the window keeps it; a run without a run line counts everywhere, unexcused. */
    WindowEntry entry(PrivilegedRoles privileged, long now) {
      return new WindowEntry(
          runId,
          last == Long.MIN_VALUE ? now : last,
          run == null ? "" : run.excused(),
          tally(privileged),
          run == null ? 0 : run.managedUsers(),
          run == null ? 0 : run.managedMemberships(),
          run == null ? "" : run.titan());
    }
  }

  /** One write: its change, whether it was sent, how it last ended. */
  private static final class Write {
    private final Change change;
    private boolean sent;
    private AuditEntry.Outcome last;

    Write(Change change) {
      this.change = change;
    }
  }
}
