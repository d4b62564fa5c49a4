package org.titansync.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunId;

/**
 * The {@code logs/} folder: one folder per run under {@code logs/runs/<run-id>/}, the audit log,
 * and the record of the last accepted file. Reports hold personal data, so folders and files are
 * made readable by their owner only where the file system allows it.
 */
public final class StateFolder {
  private final Path logs;

  private AuditLog audit;
  private final int keepRunsDays;

  /** The state folder of a config: {@code [paths] logs}, its run folders kept as it says. */
  public static StateFolder of(SyncConfig.Paths paths) {
    return new StateFolder(paths.logs(), paths.keepRunsDays());
  }

  /** A state folder that keeps every run folder. */
  public StateFolder(Path logs) {
    this(logs, 0);
  }

  /**
   * @param keepRunsDays run folders older than this many days are removed when a new run starts
   *     ({@code [paths] keep_runs_days}); 0 keeps them all
   */
  public StateFolder(Path logs, int keepRunsDays) {
    this.logs = logs.toAbsolutePath().normalize();
    this.keepRunsDays = keepRunsDays;
  }

  public Path logs() {
    return logs;
  }

  public Path runsDir() {
    return logs.resolve("runs");
  }

  /** Makes {@code logs/runs/<runId>/}; fails when it exists (run ids are unique). */
  public Path create(String runId) throws IOException {
    Path dir = folder(runId);
    OwnerOnly.createDirectories(runsDir());
    prune(java.time.LocalDate.now(java.time.ZoneId.systemDefault()));
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("run folder already exists: " + dir, e);
    }
    OwnerOnly.restrictFolder(dir);
    return dir;
  }

  /** Now, as run folders and their files give times: to the second, with the local offset. */
  public static String now() {
    return java.time.OffsetDateTime.now(java.time.ZoneId.systemDefault())
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
  }

  /** The folder of a run, refusing anything that is not a run id. */
  public Path folder(String runId) {
    if (!RunId.isValid(runId)) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
    return runsDir().resolve(runId);
  }

  /**
   * Removes run folders older than keep_runs_days (they hold personal data). The age is read from
   * the run id's date, so copying a folder does not make it young again.
   *
   * @return the run ids removed
   */
  public List<String> prune(java.time.LocalDate today) throws IOException {
    List<String> removed = new ArrayList<>();
    if (keepRunsDays <= 0) {
      return removed;
    }
    String oldest =
        today.minusDays(keepRunsDays).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    for (String id : runIds()) {
      if (id.substring(0, 8).compareTo(oldest) < 0) {
        deleteTree(folder(id));
        removed.add(id);
      }
    }
    return removed;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> paths = new ArrayList<>();
      s.forEach(paths::add);
      java.util.Collections.reverse(paths);
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Run ids present, newest first. */
  public List<String> runIds() throws IOException {
    if (!Files.isDirectory(runsDir())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runsDir())) {
      List<String> ids = new ArrayList<>();
      s.map(p -> p.getFileName().toString()).filter(RunId::isValid).forEach(ids::add);
      ids.sort(java.util.Comparator.reverseOrder());
      return ids;
    }
  }

  /** Writes a JSON file of the state folder (written whole, then moved in place). */
  void writeJson(Path file, Object value) throws IOException {
    writeBytes(file, StoreJson.file(value));
  }

  public void writeText(Path file, String text) throws IOException {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Write to a temp file and move it in place, so a reader never sees half a report. */
  public void writeBytes(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    OwnerOnly.newFile(tmp); // owner-only before the first byte goes in
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The logs folder cannot take a run: not a folder, not writable, its disk nearly full, or its
   * audit log cannot be opened. The message is one plain sentence naming the folder or file.
   */
  public static final class NoRoom extends IOException {
    private static final long serialVersionUID = 1L;

    public NoRoom(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Fail before writing: checks that the logs folder (made when missing), a new file in it, the
   * audit log and the disk can take a run, before anything is written to Titan.
   *
   * @param minFreeMb the free space the logs folder's disk must keep (0: not checked)
   * @throws NoRoom naming the folder and what is wrong
   */
  public void checkRoom(long minFreeMb) throws NoRoom {
    try {
      if (Files.exists(logs) && !Files.isDirectory(logs)) {
        throw new NoRoom(
            "paths.logs " + logs + " is not a folder: point paths.logs at a folder", null);
      }
      OwnerOnly.createDirectories(logs);
      // A unique name (made owner-only by the JDK), so that runs checking at once do not clash.
      Path probe = Files.createTempFile(logs, ".titan-sync-probe-", ".tmp");
      try {
        Files.write(probe, new byte[] {'\n'});
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (NoRoom e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new NoRoom(
          "cannot write in the logs folder "
              + logs
              + " (paths.logs): "
              + plain(e)
              + "; nothing was written to Titan",
          e);
    }
    if (minFreeMb > 0) {
      long free;
      try {
        free = Files.getFileStore(logs).getUsableSpace();
      } catch (IOException e) {
        free = Long.MAX_VALUE; // unknown: the writes themselves will tell
      }
      if (free < minFreeMb * 1024 * 1024) {
        throw new NoRoom(
            "the disk of the logs folder "
                + logs
                + " has "
                + free / (1024 * 1024)
                + " MB free, less than sync.min_free_mb = "
                + minFreeMb
                + "; nothing was written to Titan. Free some space (old run folders under "
                + runsDir()
                + " can go) and run again",
            null);
      }
    }
    Path auditFile = logs.resolve("audit.jsonl");
    try {
      Files.newOutputStream(
              auditFile,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND,
              java.nio.file.StandardOpenOption.WRITE)
          .close();
      OwnerOnly.restrictFile(auditFile);
    } catch (IOException | RuntimeException e) {
      throw new NoRoom(
          "cannot open the audit log "
              + auditFile
              + " for writing: "
              + plain(e)
              + "; nothing was written to Titan",
          e);
    }
  }

  /** An I/O error in words: "permission denied", "no space left on device", ... */
  private static String plain(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "a folder on the way is missing";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * Takes the run lock ({@code logs/run.lock}) for a run that may write to Titan.
   *
   * @see RunLock#acquire
   */
  public RunLock lock(String runId, Duration wait, Consumer<String> onWait)
      throws IOException, RunLock.Busy {
    return RunLock.acquire(logs, runId, wait, onWait);
  }

  /** The one audit log of this logs folder (shared, so that appends never interleave). */
  public synchronized AuditLog audit() {
    if (audit == null) {
      audit = new AuditLog(logs.resolve("audit.jsonl"), keepRunsDays);
    }
    return audit;
  }
}
