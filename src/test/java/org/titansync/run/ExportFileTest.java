package org.titansync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.roster.RosterException;

/** How a run opens the export the daemon hands it: only as one entry directly in the inbox. */
class ExportFileTest {
  @TempDir Path dir;

  @Test
  void anExportOfTheInboxOpensOnlyAsAnEntryDirectlyInIt() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Files.createDirectories(inbox.resolve("a"));
    Files.writeString(dir.resolve("secret.env"), "DB_PASSWORD=x\n");
    Path staff = Files.writeString(inbox.resolve("staff.csv"), "external_id\n");
    try (SeekableByteChannel c = new ExportFile(staff, inbox).open()) {
      assertEquals(12, c.size());
    }

    // What a rewritten name becomes: a path whose parent is outside the inbox.
    Path climbing = inbox.resolve("a/../../secret.env");
    RosterException e =
        assertThrows(RosterException.class, () -> new ExportFile(climbing, inbox).open());
    assertTrue(e.getMessage().contains("not one entry directly in"), e.getMessage());
    Path nested = Files.writeString(inbox.resolve("a/staff.csv"), "x\n");
    assertThrows(RosterException.class, () -> new ExportFile(nested, inbox).open());
    // By hand, a path is the user's to give.
    try (SeekableByteChannel c = ExportFile.of(climbing).open()) {
      assertEquals(14, c.size());
    }
  }

  @Test
  void anExportThatCannotBeOpenedIsRefusedAndAMissingOneIsMissing() {
    Path tooLong = dir.resolve("x".repeat(300) + ".csv");
    RosterException e = assertThrows(RosterException.class, () -> ExportFile.of(tooLong).open());
    assertTrue(e.getMessage().contains("cannot be opened"), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> ExportFile.of(dir.resolve("gone.csv")).open());
  }

  @Test
  void aPathIsOneEntryDirectlyInItsFolderByTheRealPathOfBoth() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("real-inbox"));
    Path link = Files.createSymbolicLink(dir.resolve("inbox"), inbox);
    Path entry = inbox.resolve("staff.csv");
    assertEquals(entry, DirectEntry.require(link, entry), "the configured inbox may be a link");
    assertThrows(DirectEntry.Outside.class, () -> DirectEntry.require(inbox, inbox.resolve("..")));
    assertThrows(
        DirectEntry.Outside.class, () -> DirectEntry.require(inbox, dir.resolve("staff.csv")));
  }
}
