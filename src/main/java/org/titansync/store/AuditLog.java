package org.titansync.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logs/audit.jsonl}: append-only, one {@link AuditEntry} a line. Write-ahead: a write's
 * {@link AuditEntry.Intent} is forced to disk before the write is sent, and its {@link
 * AuditEntry.Outcome} appended after the answer (docs/operations.md).
 *
 * <p>On opening, a torn last line (a run killed mid-line) is cut back to the last whole line, so
 * the next line is never glued to it; its write was never sent, as intents are whole on disk first.
 * The file rotates to {@code audit-YYYYMMDD-HHMMSS.jsonl} when it reaches {@link #MAX_BYTES} or a
 * new month begins; rotated files older than {@code paths.keep_runs_days} are removed. Readers
 * ({@link #read}) read the rotated files and the current one, oldest first.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** The size at which the log rotates. */
  static final long MAX_BYTES = 64L << 20;

  private static final DateTimeFormatter ROTATED_NAME =
      DateTimeFormatter.ofPattern("'audit-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path file;
  private final int keepDays;
  private final long maxBytes;
  private FileChannel out;
  private YearMonth openedIn;

  AuditLog(Path file, int keepDays) {
    this(file, keepDays, MAX_BYTES);
  }

  AuditLog(Path file, int keepDays, long maxBytes) {
    this.file = file;
    this.keepDays = keepDays;
    this.maxBytes = maxBytes;
  }

  public Path file() {
    return file;
  }

  /**
   * Puts a write's intent on disk (forced), before the write is sent.
   *
   * @throws IOException when it could not: the write must not be sent
   */
  public void intent(AuditEntry.Intent entry) throws IOException {
    FileChannel channel;
    long end;
    synchronized (this) {
      end = append(entry);
      channel = out;
    }
    forceUpTo(channel, end);
  }

  /** Appends a change's outcome (handed to the operating system, not forced). */
  public synchronized void outcome(AuditEntry.Outcome entry) throws IOException {
    append(entry);
  }

  /**
   * Puts a run line on disk (forced), as the run starts writing and before its first intent: what
   * its writes mean to the guardrails' window, and which Titan they go to.
   *
   * @throws IOException when it could not: the run must not write
   */
  public void run(AuditRun line) throws IOException {
    FileChannel channel;
    long end;
    synchronized (this) {
      end = append(line);
      channel = out;
    }
    forceUpTo(channel, end);
  }

  /**
   * Puts a run's ownership lines on disk (forced, once for all), before its first write: what it
   * takes over, names and releases, so that a run killed mid-way still owns what it granted.
   *
   * @throws IOException when it could not: the run must not write
   */
  public void owned(List<AuditOwned> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    FileChannel channel;
    long end = 0;
    synchronized (this) {
      for (AuditOwned line : lines) {
        end = append(line);
      }
      channel = out;
    }
    forceUpTo(channel, end);
  }

  /**
   * Forces the file to disk up to {@code end}, outside the append lock: workers that appended while
   * another was forcing share its next force (a group commit), so a slow disk costs one force per
   * batch of intents, not one each in turn.
   */
  private void forceUpTo(FileChannel channel, long end) throws IOException {
    synchronized (forceLock) {
      if (channel == forcedChannel && forcedTo >= end) {
        return;
      }
      if (!channel.isOpen()) {
        return; // closed by a rotation or close(), which forced it first
      }
      long covered = channel.size();
      channel.force(false);
      forcedChannel = channel;
      forcedTo = covered;
    }
  }

  private final Object forceLock = new Object();
  private FileChannel forcedChannel;
  private long forcedTo;

  /** Appends one line; returns the file's size after it. */
  private long append(AuditLine entry) throws IOException {
    byte[] line = (StoreJson.line(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    if (out != null
        && (out.size() >= maxBytes || !YearMonth.now(ZoneOffset.UTC).equals(openedIn))) {
      close();
    }
    if (out == null) {
      open();
    }
    long start = out.size();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      return start + line.length;
    } catch (IOException e) {
      // A line half written (disk full) would glue the next one to it: take it back.
      try {
        out.truncate(start);
      } catch (IOException ignored) {
        // The torn end is cut when the log is next opened.
      }
      throw e;
    }
  }

  private void open() throws IOException {
    OwnerOnly.createDirectories(file.getParent());
    repairTornEnd();
    rotateIfDue();
    removeExpired();
    out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    OwnerOnly.restrictFile(file);
    openedIn = YearMonth.now(ZoneOffset.UTC);
  }

  /** Cuts a last line that has no line end (a run killed mid-write) back to the last whole line. */
  private void repairTornEnd() throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0 || lastByte(channel, size - 1) == '\n') {
        return;
      }
      long end = size - 1;
      while (end > 0 && lastByte(channel, end - 1) != '\n') {
        end--;
      }
      channel.truncate(end);
      channel.force(true);
      LOG.warn(
          "{} ended in a torn line of {} bytes (a run was stopped while writing it; its write was"
              + " never sent): cut back to its last whole line",
          file,
          size - end);
    }
  }

  private static byte lastByte(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, position);
    return one.get(0);
  }

  private void rotateIfDue() throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return;
    }
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    boolean oldMonth =
        !YearMonth.from(modified.atZone(ZoneOffset.UTC)).equals(YearMonth.now(ZoneOffset.UTC));
    if (!oldMonth && Files.size(file) < maxBytes) {
      return;
    }
    String name = ROTATED_NAME.format(modified);
    Path target = file.resolveSibling(name + ".jsonl");
    for (int n = 1; Files.exists(target); n++) {
      target = file.resolveSibling(String.format(java.util.Locale.ROOT, "%s-%03d.jsonl", name, n));
    }
    Files.move(file, target);
    LOG.info("audit log rotated to {}", target);
  }

  private void removeExpired() throws IOException {
    if (keepDays <= 0) {
      return;
    }
    Instant cutoff = Instant.now().minusSeconds(keepDays * 86_400L);
    for (Path rotated : rotated()) {
      if (Files.getLastModifiedTime(rotated).toInstant().isBefore(cutoff)) {
        Files.deleteIfExists(rotated);
        LOG.info("removed {}: older than paths.keep_runs_days ({})", rotated, keepDays);
      }
    }
  }

  /**
   * The files a reader reads, oldest first: the rotated ones, then the current one when there is
   * one.
   *
   * @throws IOException when the current one is there but is not a file (a folder, say)
   */
  List<Path> files() throws IOException {
    List<Path> files = rotated();
    if (Files.isRegularFile(file)) {
      files.add(file);
    } else if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " is not a regular file");
    }
    return files;
  }

  /** The rotated files, oldest first (their names sort by time). */
  private List<Path> rotated() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(file.getParent())) {
      return files;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), "audit-*.jsonl")) {
      dir.forEach(files::add);
    }
    // By name without ".jsonl": audit-...-154300 before audit-...-154300-001.
    files.sort(
        java.util.Comparator.comparing(
            (Path p) -> p.getFileName().toString().replace(".jsonl", "")));
    return files;
  }

  /** Closes the file (a later append opens it again). */
  public synchronized void close() throws IOException {
    if (out != null) {
      synchronized (forceLock) {
        try {
          out.force(false);
        } finally {
          out.close();
          out = null;
        }
      }
    }
  }

  /**
   * What the log holds, across its rotations, oldest first.
   *
   * @param entries the writes' intents and outcomes
   * @param runs the run lines: which Titan each run wrote to, what excused its changes
   * @param problems each line that could not be read, as {@code FILE line N: why}; never skipped
   *     silently
   */
  public record Read(List<AuditEntry> entries, List<AuditRun> runs, List<String> problems) {
    public Read {
      entries = List.copyOf(entries);
      runs = List.copyOf(runs);
      problems = List.copyOf(problems);
    }

    /**
     * The run line of a run; empty for a run that wrote nothing or was made by an earlier version.
     */
    public java.util.Optional<AuditRun> run(String runId) {
      return runs.stream().filter(r -> r.runId().equals(runId)).findFirst();
    }
  }

  /** Every line of the rotated files and the current one, oldest first. */
  public Read read() throws IOException {
    List<AuditEntry> entries = new ArrayList<>();
    List<AuditRun> runs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Path> files = rotated();
    if (Files.isRegularFile(file)) {
      files.add(file);
    }
    for (Path f : files) {
      readFile(f, entries, runs, problems);
    }
    return new Read(entries, runs, problems);
  }

  private void readFile(
      Path f, List<AuditEntry> entries, List<AuditRun> runs, List<String> problems)
      throws IOException {
    byte[] bytes = Files.readAllBytes(f);
    boolean tornEnd = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          AuditLine parsed = AuditLine.read(line);
          if (parsed instanceof AuditEntry e) {
            entries.add(e);
          } else if (parsed instanceof AuditRun r) {
            runs.add(r);
          }
        } catch (IOException | IllegalArgumentException e) {
          boolean last = tornEnd && !reader.ready();
          problems.add(
              f
                  + " line "
                  + number
                  + (last
                      ? ": torn (a run was stopped while writing it; its write was never sent)"
                      : ": unreadable ("
                          + (e instanceof IllegalArgumentException
                              ? e.getMessage()
                              : "not a JSON object")
                          + ")"));
        }
      }
    }
  }
}
