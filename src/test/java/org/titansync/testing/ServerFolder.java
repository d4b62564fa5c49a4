package org.titansync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a real server started by a test (sshd, Exim) keeps its files. Under target/ when every
 * folder above it is root's, writable by root alone and open to others (sshd's rule for a chroot,
 * and what Exim's own user needs to reach its logs); else, for a build cloned under /tmp or a
 * private temporary folder, under /var/lib/titan-sync-tests.
 */
public final class ServerFolder {
  private static final Path FALLBACK = Path.of("/var/lib/titan-sync-tests");

  private ServerFolder() {}

  /** A new folder named {@code kind/name}, whose parents all pass that rule. */
  public static Path create(String kind, String name) throws IOException {
    Path target = Path.of("target").toAbsolutePath();
    Path root = rootOnlyAndOpen(target) ? target : FALLBACK;
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path folder = root.resolve(kind).resolve(name);
    Files.createDirectories(folder);
    return folder;
  }

  private static boolean rootOnlyAndOpen(Path folder) throws IOException {
    for (Path p = folder; p != null; p = p.getParent()) {
      PosixFileAttributes a =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> perms = a.permissions();
      if (!a.owner().getName().equals("root")
          || perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_WRITE)
          || !perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }
}
