package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
  @TempDir Path dir;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void foldersMadeAreOwnerOnlyAndAFolderThatExistedKeepsItsMode() throws Exception {
    Path existing = Files.createDirectory(dir.resolve("srv"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

    OwnerOnly.createDirectories(existing.resolve("logs/runs"));

    assertEquals("rwxr-xr-x", mode(existing), "not titan-sync's to change");
    assertEquals("rwx------", mode(existing.resolve("logs")));
    assertEquals("rwx------", mode(existing.resolve("logs/runs")));
  }

  @Test
  void aNewFileIsOwnerOnlyBeforeAnythingIsWrittenAndReplacesAReadableOne() throws Exception {
    Path file = dir.resolve("report.txt");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnly.newFile(file);

    assertEquals("rw-------", mode(file));
    assertEquals(0, Files.size(file));
  }

  @Test
  void aMovedFileIsMadeOwnerOnly() throws Exception {
    Path file = Files.writeString(dir.resolve("staff.csv"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    OwnerOnly.restrictFile(file);

    assertEquals("rw-------", mode(file));
  }
}
