package org.titansync.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.titansync.config.SyncConfig;
import org.titansync.run.OwnerOnly;

/**
 * Where a file goes once its run has ended: {@code archive/<date>/<run-id>-<name>}, {@code
 * quarantine/<name>} with {@code <name>.reason.txt} beside it, or {@code held/<run-id>-<name>}.
 * Every move is one rename, so a file is never seen half-moved: it is either still in the inbox or
 * whole in its new folder. Across filesystems the file is first copied under a hidden name in the
 * target folder and renamed there, and only then removed from the inbox.
 */
public final class InboxFolders {
  private final SyncConfig.Paths paths;
  private final String doneSuffix;

  public InboxFolders(SyncConfig.Paths paths, String doneSuffix) {
    this.paths = paths;
    this.doneSuffix = doneSuffix;
  }

  public Path inbox() {
    return paths.inbox();
  }

  /** Makes every folder the daemon writes to; fails when one cannot be made. */
  public void create() throws IOException {
    for (Path p :
        new Path[] {
          paths.inbox(), paths.archive(), paths.quarantine(), paths.held(), paths.logs()
        }) {
      OwnerOnly.createDirectories(p);
    }
  }

  /** Moves a synced file to {@code archive/<day>/<runId>-<name>}. */
  public Path archive(Path file, String runId, LocalDate day) throws IOException {
    Path dir = OwnerOnly.createDirectories(paths.archive().resolve(day.toString()));
    return move(file, dir.resolve(runId + "-" + file.getFileName()));
  }

  /**
   * Moves a refused file to {@code quarantine/}, keeping its name so that moving it back is one
   * step (a run id goes in front when the name is taken), and writes why beside it.
   */
  public Path quarantine(Path file, String runId, String reason) throws IOException {
    Path dir = OwnerOnly.createDirectories(paths.quarantine());
    Path target = dir.resolve(file.getFileName().toString());
    if (Files.exists(target) || Files.exists(reasonFile(target))) {
      target = dir.resolve(runId + "-" + file.getFileName());
    }
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  /** Moves a file whose run a guardrail held to {@code held/<runId>-<name>}, with why beside it. */
  public Path hold(Path file, String runId, String reason) throws IOException {
    Path dir = OwnerOnly.createDirectories(paths.held());
    Path target = dir.resolve(runId + "-" + file.getFileName());
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  public static Path reasonFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".reason.txt");
  }

  private Path move(Path file, Path target) throws IOException {
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Path part = target.resolveSibling("." + target.getFileName() + ".part");
      Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
      OwnerOnly.restrictFile(part);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(file);
    }
    OwnerOnly.restrictFile(target); // a moved file keeps the mode it had in the inbox
    if (!doneSuffix.isEmpty()) {
      // After the file itself: a done-file left behind alone is harmless, a file without its
      // done-file would wait for ever.
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + doneSuffix));
    }
    return target;
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path part = file.resolveSibling("." + file.getFileName() + ".part");
    OwnerOnly.newFile(part);
    Files.writeString(part, text, StandardCharsets.UTF_8);
    try {
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
