package org.titansync.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.zip.CRC32C;
import org.titansync.config.SyncConfig;
import org.titansync.run.OwnerOnly;
import org.titansync.run.ShownName;

/**
 * Where a file goes once its run has ended: {@code archive/<date>/<run-id>-<name>}, {@code
 * quarantine/<name>} with {@code <name>.reason.txt} beside it, or {@code held/<run-id>-<name>}.
 * Every move is one rename, so a file is never seen half-moved: it is either still in the inbox or
 * whole in its new folder. Across filesystems the file is first copied under a hidden name in the
 * target folder and renamed there, and only then removed from the inbox. A name too long to take
 * the run id in front is shortened ({@link #fitted}).
 */
public final class InboxFolders {
  /**
   * The longest name (in UTF-8 bytes) given to a moved file: 255, less {@code .reason.txt} and a
   * temporary name's leading dot and {@code .part}, with room to spare.
   */
  static final int MAX_NAME_BYTES = 200;

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
    return move(file, dir.resolve(fitted(runId + "-", file)));
  }

  /**
   * Moves a refused file to {@code quarantine/}, keeping its name so that moving it back is one
   * step (a run id goes in front when the name is taken), and writes why beside it.
   */
  public Path quarantine(Path file, String runId, String reason) throws IOException {
    Path dir = OwnerOnly.createDirectories(paths.quarantine());
    Path target = dir.resolve(fitted("", file));
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        || Files.exists(reasonFile(target), LinkOption.NOFOLLOW_LINKS)) {
      target = dir.resolve(fitted(runId + "-", file));
    }
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  /** Moves a file whose run a guardrail held to {@code held/<runId>-<name>}, with why beside it. */
  public Path hold(Path file, String runId, String reason) throws IOException {
    Path dir = OwnerOnly.createDirectories(paths.held());
    Path target = dir.resolve(fitted(runId + "-", file));
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  public static Path reasonFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".reason.txt");
  }

  /**
   * {@code prefix + name}, shortened when it would be too long for a file name once the reason
   * file's suffix and a temporary name's dot and suffix are added (most file systems allow 255
   * bytes): the start of the name, a hash of the whole name (so two long names that start alike
   * stay apart), and the extension.
   */
  static String fitted(String prefix, Path file) {
    String name = file.getFileName().toString();
    String whole = prefix + name;
    if (utf8Length(whole) <= MAX_NAME_BYTES) {
      return whole;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    String stem = name.substring(0, name.length() - extension.length());
    CRC32C crc = new CRC32C();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    String tail = String.format(java.util.Locale.ROOT, "-%08x", crc.getValue()) + extension;
    int budget = MAX_NAME_BYTES - utf8Length(prefix) - utf8Length(tail);
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < stem.length(); ) {
      int cp = stem.codePointAt(i);
      int bytes = utf8Length(new String(Character.toChars(cp)));
      if (used + bytes > budget) {
        break;
      }
      kept.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    return prefix + kept + tail;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private Path move(Path file, Path target) throws IOException {
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        // Copying a link or a FIFO would open what it points to.
        throw new IOException(
            "cannot move " + ShownName.of(file) + " to another file system: not a regular file", e);
      }
      Path part = target.resolveSibling("." + target.getFileName() + ".part");
      Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
      OwnerOnly.restrictFile(part);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(file);
    }
    // A moved file keeps the mode it had in the inbox. A link is left as it is: setting its mode
    // would set its target's.
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnly.restrictFile(target);
    } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnly.restrictFolder(target);
    }
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
