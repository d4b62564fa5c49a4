package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;

/**
 * The window's memory: written ahead and ended, rebuilt from the audit log when missing, a run that
 * never ended counted from its audit lines, and a damaged file never read as an empty window.
 */
class WindowLedgerTest {
  @TempDir Path logs;

  private StateFolder store() {
    return new StateFolder(logs);
  }

  private WindowLedger ledger() {
    return new WindowLedger(store(), PrivilegedRoles.byDefault());
  }

  private static WindowEntry entry(String runId, long at) {
    return new WindowEntry(runId, at, "", new Tally(1, 2, 3, 4, 5, 6), 40, 50);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  @Test
  void aRunWrittenAheadAndEndedIsReadBackByAnotherLedgerOnTheSameFolder() throws Exception {
    long now = now();
    WindowEntry ahead =
        new WindowEntry("a", now, "", new Tally(0, 0, 0, 9, 0, 0), 40, 50, "sandbox", true);
    ledger().starting(ahead);
    assertEquals(List.of(ahead), ledger().stored().orElseThrow());

    ledger().ended(ahead.ended(now + 5, new Tally(0, 0, 0, 3, 0, 0)));
    ledger().starting(new WindowEntry("b", now + 6, "approved", Tally.ZERO, 47, 55, "", true));
    ledger().ended(new WindowEntry("b", now + 9, "approved", Tally.ZERO, 47, 55, "", true));

    assertEquals(
        List.of(new WindowEntry("a", now + 5, "", new Tally(0, 0, 0, 3, 0, 0), 40, 50, "sandbox")),
        ledger().stored().orElseThrow(),
        "a run that wrote nothing leaves no entry");
    Path file = logs.resolve(WindowLedger.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var s = Files.list(logs)) {
      assertEquals(List.of(file), s.toList(), "no temporary file left behind");
    }
  }

  @Test
  void entriesNoWindowCanReachAreDroppedAndARunIsKeptOnce() throws Exception {
    WindowLedger ledger = ledger();
    long now = now();
    ledger.ended(entry("ancient", now - 721 * 3600L));
    ledger.ended(entry("month", now - 719 * 3600L));
    ledger.ended(entry("again", now - 10));
    ledger.ended(entry("again", now));
    ledger.ended(entry("future", now + 3 * 3600L));

    List<String> ids = ledger.stored().orElseThrow().stream().map(WindowEntry::runId).toList();
    assertEquals(List.of("month", "again", "future"), ids);
  }

  @Test
  void unknownFieldsAreSkippedAndALedgerOfTheLastVersionStillReads() throws Exception {
    Files.writeString(
        logs.resolve(WindowLedger.FILE),
        "[{\"run_id\":\"x\",\"finished_at\":5,\"excused\":\"\",\"later_field\":1,"
            + "\"tally\":{\"removals\":2,\"updates\":0,\"domain_moves\":0,"
            + "\"privileged_changes\":0,\"role_changes\":0,\"creations\":0},"
            + "\"managed_users\":3,\"managed_memberships\":4,\"titan\":\"https://t.example\"}]");
    assertEquals(
        List.of(
            new WindowEntry("x", 5, "", new Tally(2, 0, 0, 0, 0, 0), 3, 4, "https://t.example")),
        ledger().stored().orElseThrow());
  }

  @Test
  void aFolderALinkOrTextThatIsNoWindowIsUnreadableNeverAnEmptyWindow() throws Exception {
    Path file = logs.resolve(WindowLedger.FILE);
    Files.createDirectories(file);
    WindowLedger.Unreadable folder =
        assertThrows(WindowLedger.Unreadable.class, () -> ledger().entries(store().audit(), true));
    assertTrue(
        folder.getMessage().contains(file + " is not a regular file (a folder)"),
        folder.getMessage());
    assertTrue(folder.getMessage().contains("every run that writes is held"), folder.getMessage());
    assertTrue(
        folder.getMessage().contains("mv " + file + " " + file + ".damaged"), folder.getMessage());
    assertThrows(WindowLedger.Unreadable.class, () -> ledger().starting(entry("w", now())));
    Files.delete(file);

    Path elsewhere = Files.writeString(logs.resolve("elsewhere.json"), "[]");
    Files.createSymbolicLink(file, elsewhere);
    assertTrue(
        assertThrows(WindowLedger.Unreadable.class, () -> ledger().stored())
            .getMessage()
            .contains("a symbolic link"));
    Files.delete(file);

    for (String text : List.of("", "{\"run_id\":1", "not json", "[{\"finished_at\":3}]", "7")) {
      Files.writeString(file, text);
      WindowLedger.Unreadable e =
          assertThrows(WindowLedger.Unreadable.class, () -> ledger().stored(), text);
      assertTrue(e.getMessage().contains("is not a window titan-sync wrote"), e.getMessage());
    }
  }

  @Test
  void aMissingFileIsRebuiltFromTheAuditLogOfTodaysFormatAndKept() throws Exception {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    String fixture =
        new String(
                getClass()
                    .getResourceAsStream("/audit-before-run-lines/audit.jsonl")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("DAY1", day);
    Files.writeString(logs.resolve("audit.jsonl"), fixture);

    List<WindowEntry> rebuilt = ledger().entries(store().audit(), false);
    assertFalse(
        Files.exists(logs.resolve(WindowLedger.FILE)), "a reader without the lock keeps none");

    assertEquals(
        List.of("20261129-080000-aaaa", "20261129-090000-bbbb", "20261129-093000-cccc"),
        rebuilt.stream().map(WindowEntry::runId).toList());
    // No run line (an earlier version): it counts, against every Titan.
    assertEquals(new Tally(0, 0, 0, 1, 0, 1), rebuilt.get(0).tally(), "a principal created");
    assertEquals("", rebuilt.get(0).excused());
    assertEquals("", rebuilt.get(0).titan());
    // Refused (404) is not counted; an intent whose answer never came is.
    assertEquals(new Tally(0, 1, 1, 1, 1, 0), rebuilt.get(1).tally());
    assertEquals(
        Instant.parse(day + "T09:00:02.100Z").getEpochSecond(), rebuilt.get(1).finishedAt());
    // An outcome line of before intents existed, done.
    assertEquals(new Tally(1, 0, 0, 0, 0, 0), rebuilt.get(2).tally());

    assertEquals(rebuilt, ledger().entries(store().audit(), true));
    assertEquals(rebuilt, ledger().stored().orElseThrow(), "kept by a run that holds the lock");
    // The same file, read as the revert and explain read it: nothing left unread.
    AuditLog.Read read = store().audit().read();
    assertEquals(List.of(), read.problems());
    assertEquals(8, read.entries().size());
    assertEquals(List.of(), read.runs());
  }

  @Test
  void aRunThatStartedWritingAndNeverEndedIsCountedFromItsAuditLines() throws Exception {
    long now = now();
    AuditLog audit = store().audit();
    WindowEntry ahead =
        new WindowEntry(
            "killed", now - 60, "", new Tally(0, 0, 0, 0, 0, 40), 10, 12, "sandbox", true);
    ledger().starting(ahead);
    audit.run(
        new AuditRun(Instant.ofEpochSecond(now - 60).toString(), "killed", "sandbox", "", 10, 12));
    for (int i = 0; i < 3; i++) {
      audit.intent(createIntent("killed", "E" + i, Instant.ofEpochSecond(now - 50 + i)));
    }
    // Another run's line between them is passed over.
    audit.intent(createIntent("other", "E9", Instant.ofEpochSecond(now - 40)));
    audit.close();

    List<WindowEntry> read = ledger().entries(audit, false);
    assertEquals(
        List.of(
            new WindowEntry(
                "killed", now - 48, "", new Tally(0, 0, 0, 0, 0, 3), 10, 12, "sandbox", false)),
        read,
        "three creations sent, not the forty planned");
    assertTrue(
        ledger().stored().orElseThrow().get(0).writing(), "kept only by a run holding the lock");
    ledger().entries(audit, true);
    assertFalse(ledger().stored().orElseThrow().get(0).writing());
  }

  @Test
  void aRunWrittenAheadWithoutItsRunLineKeepsWhatItPlanned() throws Exception {
    WindowEntry ahead =
        new WindowEntry("lost", now(), "", new Tally(4, 0, 0, 0, 0, 0), 10, 12, "", true);
    ledger().starting(ahead);
    assertEquals(
        List.of(ahead.ended(ahead.finishedAt(), ahead.tally())),
        ledger().entries(store().audit(), true));
  }

  @Test
  void anUnreadableAuditLineTheWindowNeedsIsUnreadableNeverSkipped() throws Exception {
    Files.writeString(
        logs.resolve("audit.jsonl"),
        "{\"type\":\"run\",\"run_id\":\"r\",\"titan\":\"sandbox\"}\ngarbage\n");
    WindowLedger.Unreadable e =
        assertThrows(WindowLedger.Unreadable.class, () -> ledger().entries(store().audit(), true));
    assertTrue(e.getMessage().contains("audit.jsonl line 2 cannot be read"), e.getMessage());
    assertFalse(Files.exists(logs.resolve(WindowLedger.FILE)));

    // A torn last line (a run stopped while writing it) was never sent: it is no damage.
    Files.writeString(
        logs.resolve("audit.jsonl"),
        "{\"type\":\"run\",\"run_id\":\"r\",\"titan\":\"sandbox\"}\n{\"ty");
    assertEquals(List.of(), ledger().entries(store().audit(), true));

    Files.delete(logs.resolve("audit.jsonl"));
    Files.delete(logs.resolve(WindowLedger.FILE));
    Files.createDirectories(logs.resolve("audit.jsonl"));
    assertTrue(
        assertThrows(WindowLedger.Unreadable.class, () -> ledger().entries(store().audit(), true))
            .getMessage()
            .contains("is not a regular file"));
  }

  private static AuditEntry.Intent createIntent(String run, String externalId, Instant at) {
    CreateUser create =
        new CreateUser(
            externalId,
            null,
            null,
            externalId + "@x.org",
            List.of(
                new Membership("s_01", "Lincoln Elementary", List.of("r_01"), List.of("Teacher"))),
            List.of());
    return new AuditEntry.Intent(
        at.toString(),
        run,
        AuditEntry.Subject.of("staff.csv", create, null),
        run + ":create:" + externalId,
        1);
  }
}
