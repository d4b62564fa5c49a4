package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.RunId;

class StateFolderTest {
  @TempDir Path logs;

  @Test
  void runFoldersOlderThanKeepRunsDaysAreRemovedWhenARunStarts() throws Exception {
    StateFolder store = new StateFolder(logs, 30);
    Files.createDirectories(store.runsDir());
    Path old = Files.createDirectory(store.runsDir().resolve("20260101-020000-aaaa"));
    Files.writeString(old.resolve("report.txt"), "personal data");
    Path recent = Files.createDirectory(store.runsDir().resolve("20261120-020000-bbbb"));

    List<String> removed = store.prune(LocalDate.of(2026, 11, 26));

    assertEquals(List.of("20260101-020000-aaaa"), removed);
    assertFalse(Files.exists(old));
    assertTrue(Files.isDirectory(recent));
  }

  @Test
  void keepRunsDaysZeroKeepsEverything() throws Exception {
    StateFolder store = new StateFolder(logs, 0);
    Files.createDirectories(store.runsDir().resolve("20200101-020000-aaaa"));
    assertEquals(List.of(), store.prune(LocalDate.of(2026, 11, 26)));
  }

  @Test
  void runFoldersAreReadableByTheirOwnerOnly() throws Exception {
    StateFolder store = new StateFolder(logs);
    Path dir = store.create(RunId.next());
    store.writeText(dir.resolve("report.txt"), "x");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("report.txt"))));
  }

  @Test
  void aRunIdIsRequiredToNameAFolder() {
    StateFolder store = new StateFolder(logs);
    assertThrows(IllegalArgumentException.class, () -> store.folder("../../etc"));
  }
}
