package org.titansync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Personal data stays with the service account: every folder titan-sync makes for it is {@code
 * rwx------} and every file {@code rw-------}, whatever the umask. Modes are set explicitly after
 * creation (and after a move, since a moved file keeps its mode); on a file system without POSIX
 * modes this does nothing and the folder's own ACLs apply (docs/security.md).
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /**
   * Makes a folder and any missing parents, each made here owner-only; a folder that already exists
   * keeps its mode (it may be the operator's own, such as the config folder).
   *
   * @return the folder
   */
  public static Path createDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    Files.createDirectories(dir);
    for (Path p : missing) {
      restrictFolder(p);
    }
    return dir;
  }

  /**
   * Makes an empty owner-only file in place of any file there, so that what is written into it next
   * is never readable by others, not even for a moment.
   */
  public static void newFile(Path file) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }

  /** Makes a folder owner-only (the logs, archive, held and quarantine folders themselves). */
  public static void restrictFolder(Path dir) {
    set(dir, FOLDER);
  }

  /** Makes a file owner-only: call it after writing or moving a file that holds personal data. */
  public static void restrictFile(Path file) {
    set(file, FILE);
  }

  private static void set(Path path, Set<PosixFilePermission> mode) {
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system, or not ours to change: the folder's own ACLs apply.
    }
  }
}
