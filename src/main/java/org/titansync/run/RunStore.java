package org.titansync.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code logs/} folder: one folder per run under {@code logs/runs/<run-id>/}, the audit log,
 * and the record of the last accepted file. Reports hold personal data, so folders and files are
 * made readable by their owner only where the file system allows it.
 */
public final class RunStore {
  private static final String STATE_FILE = "last-accepted.json";

  private final Path logs;
  private final ObjectMapper json =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private AuditLog audit;
  private final int keepRunsDays;

  /** A store that keeps every run folder. */
  public RunStore(Path logs) {
    this(logs, 0);
  }

  /**
   * @param keepRunsDays run folders older than this many days are removed when a new run starts
   *     ({@code [paths] keep_runs_days}); 0 keeps them all
   */
  public RunStore(Path logs, int keepRunsDays) {
    this.logs = logs.toAbsolutePath().normalize();
    this.keepRunsDays = keepRunsDays;
  }

  public Path logs() {
    return logs;
  }

  public Path runsDir() {
    return logs.resolve("runs");
  }

  public ObjectMapper json() {
    return json;
  }

  /** Makes {@code logs/runs/<runId>/}; fails when it exists (run ids are unique). */
  public Path create(String runId) throws IOException {
    Path dir = folder(runId);
    ownerOnlyDirs(runsDir());
    prune(java.time.LocalDate.now(java.time.ZoneId.systemDefault()));
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("run folder already exists: " + dir, e);
    }
    restrict(dir, "rwx------");
    return dir;
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

  public void writeJson(Path file, Object value) throws IOException {
    writeBytes(file, json.writeValueAsBytes(value));
  }

  public void writeText(Path file, String text) throws IOException {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Write to a temp file and move it in place, so a reader never sees half a report. */
  public void writeBytes(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    restrict(tmp, "rw-------");
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file the guardrails compare against: the last one whose plan was not held. */
  public Optional<LastAccepted> lastAccepted() throws IOException {
    Path f = logs.resolve(STATE_FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    return Optional.of(json.readValue(f.toFile(), LastAccepted.class));
  }

  public void saveLastAccepted(LastAccepted last) throws IOException {
    ownerOnlyDirs(logs);
    writeJson(logs.resolve(STATE_FILE), last);
  }

  /** Forgets the last accepted file (the next run compares with none, like the first run). */
  public void forgetLastAccepted() throws IOException {
    Files.deleteIfExists(logs.resolve(STATE_FILE));
  }

  /** The one audit log of this logs folder (shared, so that appends never interleave). */
  public synchronized AuditLog audit() {
    if (audit == null) {
      audit = new AuditLog(logs.resolve("audit.jsonl"), json, keepRunsDays);
    }
    return audit;
  }

  private static void ownerOnlyDirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      restrict(dir, "rwx------");
    }
  }

  private static void restrict(Path p, String perms) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the folder's own ACLs apply (docs/security.md).
    }
  }
}
