package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.DirectEntry;

/** Which inbox files the daemon reads, and when; and where they go afterwards. */
class InboxFilterTest {
  private static final Duration QUIET = Duration.ofSeconds(60);

  @TempDir Path inbox;

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private InboxFilter filter(String doneSuffix) {
    return new InboxFilter(QUIET, doneSuffix, nanos::get);
  }

  private void pass(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void temporaryHiddenAndReasonNamesAreNeverRead() {
    for (String name :
        List.of(
            "staff.csv.part",
            "staff.csv.PART",
            "staff.csv.filepart",
            "staff.tmp",
            "staff.csv~",
            ".staff.csv",
            ".staff.csv.part",
            "staff.csv.crdownload",
            "staff.csv.reason.txt")) {
      assertTrue(InboxFilter.isIgnoredName(name), name);
    }
    for (String name : List.of("staff.csv", "staff-2026-11-26.csv", "export.txt", "partners.csv")) {
      assertFalse(InboxFilter.isIgnoredName(name), name);
    }
  }

  @Test
  void aFileIsReadOnlyAfterTheQuietPeriodOnTheDaemonsOwnClock() throws Exception {
    InboxFilter filter = filter("");
    Path f = Files.writeString(inbox.resolve("staff.csv"), "a,b\n");
    // An old modification time does not count: the daemon measures the quiet period itself.
    Files.setLastModifiedTime(f, FileTime.fromMillis(0));
    assertFalse(filter.isReady(f), "first sighting");
    pass(Duration.ofSeconds(59));
    assertFalse(filter.isReady(f));
    pass(Duration.ofSeconds(1));
    assertTrue(filter.isReady(f));
  }

  @Test
  void aChangeOfContentAloneStartsTheQuietPeriodAgain() throws Exception {
    InboxFilter filter = filter("");
    Path f = Files.writeString(inbox.resolve("staff.csv"), "aaaa\n");
    FileTime kept = Files.getLastModifiedTime(f);
    assertFalse(filter.isReady(f));
    pass(Duration.ofSeconds(50));
    // Same size, same time, other bytes: a preallocated file being filled in.
    Files.writeString(f, "bbbb\n");
    Files.setLastModifiedTime(f, kept);
    assertFalse(filter.isReady(f));
    pass(Duration.ofSeconds(30));
    assertFalse(filter.isReady(f), "only 30 s since the change");
    pass(Duration.ofSeconds(30));
    assertTrue(filter.isReady(f));
  }

  @Test
  void withDoneFilesOnAFileWaitsForItsDoneFile() throws Exception {
    InboxFilter filter = filter(".done");
    Path f = Files.writeString(inbox.resolve("staff.csv"), "a,b\n");
    assertFalse(filter.isReady(f));
    pass(QUIET.plusSeconds(1));
    assertFalse(filter.isReady(f), "quiet but no done-file");
    Path done = Files.writeString(inbox.resolve("staff.csv.done"), "");
    assertFalse(filter.isReady(done), "the done-file itself is not an export");
    filter.isReady(f);
    pass(QUIET);
    assertTrue(filter.isReady(f));
  }

  @Test
  void anOlderFileGoesFirstEvenWhileItWaitsToBeRetried() throws Exception {
    InboxFilter filter = filter("");
    Path monday = Files.writeString(inbox.resolve("monday.csv"), "a\n");
    Path tuesday = Files.writeString(inbox.resolve("tuesday.csv"), "b\n");
    Files.setLastModifiedTime(monday, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(tuesday, FileTime.fromMillis(2_000_000));
    filter.isReady(monday);
    filter.isReady(tuesday);
    pass(QUIET);
    assertFalse(filter.isReady(tuesday), "monday's export is older");
    assertTrue(filter.isReady(monday));

    filter.retryLater(monday, Duration.ofMinutes(5));
    pass(QUIET.plusSeconds(1));
    assertFalse(filter.isReady(monday), "waiting for its retry");
    assertFalse(filter.isReady(tuesday), "newer exports wait behind it");
    pass(Duration.ofMinutes(5));
    filter.isReady(monday);
    pass(QUIET);
    assertTrue(filter.isReady(monday));
  }

  @Test
  void foldersKeepTheNameInQuarantineAndTheRunIdInArchiveAndHeld() throws Exception {
    SyncConfig config = ConfigLoader.defaults(inbox.resolve("base"), java.util.Map.of());
    SyncConfig.Paths paths = config.paths();
    InboxFolders folders = new InboxFolders(paths, ".done");
    folders.create();
    Path a = Files.writeString(paths.inbox().resolve("staff.csv"), "x\n");
    Files.writeString(paths.inbox().resolve("staff.csv.done"), "");
    Path archived =
        folders.archive(a, "20261126-020000-abcd", java.time.LocalDate.of(2026, 11, 26));
    assertEquals(paths.archive().resolve("2026-11-26/20261126-020000-abcd-staff.csv"), archived);
    assertFalse(Files.exists(paths.inbox().resolve("staff.csv.done")), "done-file removed");

    Path b = Files.writeString(paths.inbox().resolve("staff.csv"), "y\n");
    Path quarantined = folders.quarantine(b, "20261126-030000-abcd", "bad header");
    assertEquals(paths.quarantine().resolve("staff.csv"), quarantined);
    assertEquals("bad header", Files.readString(InboxFolders.reasonFile(quarantined)));
    Path c = Files.writeString(paths.inbox().resolve("staff.csv"), "z\n");
    assertEquals(
        paths.quarantine().resolve("20261126-040000-abcd-staff.csv"),
        folders.quarantine(c, "20261126-040000-abcd", "again"),
        "an earlier quarantined file is never overwritten");

    Path d = Files.writeString(paths.inbox().resolve("staff.csv"), "w\n");
    Path held = folders.hold(d, "20261126-050000-abcd", "too many removals");
    assertEquals(paths.held().resolve("20261126-050000-abcd-staff.csv"), held);
    try (var left = Files.list(paths.inbox())) {
      assertEquals(0, left.count(), "nothing left behind in the inbox");
    }
  }

  @Test
  void anEntryRefusedUnopenedIsReadyAtOnceAndHoldsNoNewerExportBack() throws Exception {
    InboxFilter filter = filter("");
    Path bad = Files.writeString(inbox.resolve("a\\..\\..\\secret.env"), "x\n");
    Path folder = Files.createDirectory(inbox.resolve("exports"));
    Path export = Files.writeString(inbox.resolve("staff.csv"), "b\n");
    Files.setLastModifiedTime(bad, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(folder, FileTime.fromMillis(1_500_000));
    Files.setLastModifiedTime(export, FileTime.fromMillis(2_000_000));
    assertEquals(List.of(bad, folder), filter.ready(inbox), "both at once, oldest first");
    pass(QUIET);
    assertEquals(List.of(bad, folder, export), filter.ready(inbox), "the export passes them");

    filter.setAside(bad);
    filter.retryLater(folder, Duration.ofMinutes(5));
    assertEquals(List.of(export), filter.ready(inbox));
  }

  @Test
  void aNameThatCannotBeUsedMovesUnderASafeNameAndNothingOutsideMoves() throws Exception {
    SyncConfig config = ConfigLoader.defaults(inbox.resolve("base"), java.util.Map.of());
    SyncConfig.Paths paths = config.paths();
    InboxFolders folders = new InboxFolders(paths, ".done");
    folders.create();
    Path secret = Files.writeString(inbox.resolve("base/secret.env"), "s\n");
    Path bad = Files.writeString(paths.inbox().resolve("a\\..\\secret.env\n"), "x\n");
    Path moved = folders.quarantine(bad, "20261126-020000-abcd", "why");
    assertEquals(paths.quarantine().resolve("20261126-020000-abcd-a_.._secret.env_"), moved);
    assertEquals("x\n", Files.readString(moved));

    // A path that is not one entry directly in the inbox is refused, however it was made.
    Path climbing = paths.inbox().resolve("sub/../../secret.env");
    Files.createDirectories(paths.inbox().resolve("sub"));
    assertThrows(
        DirectEntry.Outside.class, () -> folders.quarantine(climbing, "20261126-030000-abcd", "x"));
    assertThrows(
        DirectEntry.Outside.class,
        () -> folders.archive(secret, "20261126-040000-abcd", java.time.LocalDate.of(2026, 1, 1)));
    assertEquals("s\n", Files.readString(secret), "never moved");
  }
}
