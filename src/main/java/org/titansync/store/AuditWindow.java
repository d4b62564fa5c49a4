package org.titansync.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * over: it may be a write, so the window cannot be known ({@link WindowLedger.Unreadable}).
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
   * Reads the files written to at or after {@code since}, oldest first; the lines that {@code
   * wanted} accepts (by their text) are parsed and kept by run.
   */
  private Map<String, RunLines> scan(long since, Predicate<String> wanted, long now)
      throws WindowLedger.Unreadable {
    Map<String, RunLines> runs = new LinkedHashMap<>();
    List<Path> files;
    try {
      files = audit.files();
    } catch (IOException e) {
      throw unreadable(audit.file() + " cannot be read (" + e.getMessage() + ")", e);
    }
    for (Path f : files) {
      try {
        if (Files.getLastModifiedTime(f).toInstant().getEpochSecond() < since) {
          continue; // written to for the last time before any line wanted
        }
        scanFile(f, wanted, runs, now);
      } catch (IOException e) {
        throw unreadable(f + " cannot be read (" + e.getMessage() + ")", e);
      }
    }
    return runs;
  }

  private void scanFile(Path f, Predicate<String> wanted, Map<String, RunLines> runs, long now)
      throws IOException {
    boolean tornEnd = endsTorn(f);
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8), 1 << 16)) {
      String line = reader.readLine();
      int number = 0;
      while (line != null) {
        number++;
        String next = reader.readLine();
        if (next == null && tornEnd) {
          break; // a run stopped while writing it: its write was never sent
        }
        read(f, number, line, wanted, runs, now);
        line = next;
      }
    }
  }

  private void read(
      Path f,
      int number,
      String line,
      Predicate<String> wanted,
      Map<String, RunLines> runs,
      long now)
      throws WindowLedger.Unreadable {
    String text = line.strip();
    if (text.isEmpty()) {
      return;
    }
    if (!text.startsWith("{") || !text.endsWith("}")) {
      throw unreadableLine(f, number, "not a JSON object");
    }
    if (!wanted.test(text)) {
      return;
    }
    AuditLine parsed;
    Change change = null;
    try {
      parsed = AuditLine.read(text);
      if (parsed instanceof AuditEntry e) {
        change = WrittenChange.of(e.subject());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw unreadableLine(
          f, number, e instanceof IllegalArgumentException ? e.getMessage() : "not a JSON object");
    }
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

  private static boolean endsTorn(Path f) throws IOException {
    try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, size - 1);
      return one.get(0) != '\n';
    }
  }

  private static WindowLedger.Unreadable unreadableLine(Path f, int number, String why) {
    return unreadable(f + " line " + number + " cannot be read (" + why + ")", null);
  }

  private static WindowLedger.Unreadable unreadable(String what, Throwable cause) {
    return new WindowLedger.Unreadable(
        "the audit log, from which the guardrails count what each run wrote, cannot be read: "
            + what
            + ". Every run that writes is held until it is repaired: repair or remove that line"
            + " (titan-sync doctor lists every line it cannot read), then run again",
        cause);
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
