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
import org.titansync.run.DirectEntry;
import org.titansync.run.ShownName;
import org.titansync.store.OwnerOnly;

/**
 * Where a file goes once its run has ended: {@code archive/<date>/<run-id>-<name>}, {@code
 * quarantine/<name>} with {@code <name>.reason.txt} beside it, or {@code held/<run-id>-<name>}.
 * Every move is one rename, so a file is never seen half-moved: it is either still in the inbox or
 * whole in its new folder. Across filesystems the file is first copied under a hidden name in the
 * target folder and renamed there, and only then removed from the inbox. A name too long to take
 * the run id in front is shortened ({@link #fitted}). A name that cannot be used as it is ({@link
 * UnusableName}) moves under a safe name with the run id in front.
 *
 * <p>Every move and every deletion first checks that the entry is one name directly in the inbox
 * ({@link DirectEntry}), so nothing outside the inbox is ever renamed or deleted, whatever the path
 * handed in.
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
    DirectEntry.require(paths.inbox(), file);
    Path dir = OwnerOnly.createDirectories(paths.archive().resolve(day.toString()));
    return move(file, dir.resolve(targetName(runId, file)));
  }

  /**
   * Moves a refused file to {@code quarantine/}, keeping its name so that moving it back is one
   * step (a run id goes in front when the name is taken, or when the name cannot be used as it is),
   * and writes why beside it.
   */
  public Path quarantine(Path file, String runId, String reason) throws IOException {
    DirectEntry.require(paths.inbox(), file);
    Path dir = OwnerOnly.createDirectories(paths.quarantine());
    Path target = dir.resolve(targetName(runId, file));
    if (UnusableName.why(file) == null) {
      Path kept = dir.resolve(fitted("", file));
      if (!Files.exists(kept, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(reasonFile(kept), LinkOption.NOFOLLOW_LINKS)) {
        target = kept;
      }
    }
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  /** Moves a file whose run a guardrail held to {@code held/<runId>-<name>}, with why beside it. */
  public Path hold(Path file, String runId, String reason) throws IOException {
    DirectEntry.require(paths.inbox(), file);
    Path dir = OwnerOnly.createDirectories(paths.held());
    Path target = dir.resolve(targetName(runId, file));
    writeAtomically(reasonFile(target), reason);
    return move(file, target);
  }

  public static Path reasonFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".reason.txt");
  }

  /**
   * {@code <runId>-<name>}, fitted; for a name that cannot be used as it is, its safe form ({@link
   * UnusableName#safe}), which the run id keeps unique.
   */
  static String targetName(String runId, Path file) {
    String name =
        UnusableName.why(file) == null ? file.getFileName().toString() : UnusableName.safe(file);
    return fitted(runId + "-", name);
  }

  /**
   * {@code prefix + name}, shortened when it would be too long for a file name once the reason
   * file's suffix and a temporary name's dot and suffix are added (most file systems allow 255
   * bytes): the start of the name, a hash of the whole name (so two long names that start alike
   * stay apart), and the extension.
   */
  static String fitted(String prefix, Path file) {
    return fitted(prefix, file.getFileName().toString());
  }

  private static String fitted(String prefix, String name) {
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

  /**
   * Moves {@code file}, an entry directly in {@code folder}, to {@code target}: in one step, or to
   * another file system by a copy under a part name moved in place, then the original deleted. Only
   * a regular file is copied: copying a link or a FIFO would open what it points to.
   */
  static void moveOutOf(Path folder, Path file, Path target) throws IOException {
    DirectEntry.require(folder, file);
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(
            "cannot move " + ShownName.of(file) + " to another file system: not a regular file", e);
      }
      Path part = target.resolveSibling("." + target.getFileName() + ".part");
      Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
      OwnerOnly.restrictFile(part);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(DirectEntry.require(folder, file));
    }
  }

  private Path move(Path file, Path target) throws IOException {
    moveOutOf(paths.inbox(), file, target);
    // A moved file keeps the mode it had in the inbox. A link is left as it is: setting its mode
    // would set its target's.
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnly.restrictFile(target);
    } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnly.restrictFolder(target);
    }
    if (!doneSuffix.isEmpty() && UnusableName.why(file) == null) {
      // After the file itself: a done-file left behind alone is harmless, a file without its
      // done-file would wait for ever. Only a usable name has a done-file name to build: an
      // unusable one's done-file, if any, is an unusable name of its own, refused on its own.
      Files.deleteIfExists(
          DirectEntry.require(paths.inbox(), file.resolveSibling(file.getFileName() + doneSuffix)));
    }
    return target;
  }

  static void writeAtomically(Path file, String text) throws IOException {
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
