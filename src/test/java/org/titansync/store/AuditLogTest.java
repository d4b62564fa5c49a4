package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.run.ChangeOutcome;

/** The audit log's lines as typed entries: write-ahead, torn ends, bad lines, rotation. */
class AuditLogTest {
  @TempDir Path logs;

  private static AuditEntry.Subject subject(String key) {
    return new AuditEntry.Subject(
        "staff.csv",
        "update",
        key,
        "E1",
        "a@x.org",
        "u_1",
        "",
        null,
        new ChangeValues(null, null, "Smith", null, null, null, null, null, null, null),
        new ChangeValues(null, null, "Smyth", null, null, null, null, null, null, null));
  }

  private static AuditEntry.Intent intent(String run, String key) {
    return new AuditEntry.Intent("2026-11-29T10:00:00Z", run, subject(key), run + ":" + key, 1);
  }

  private static AuditEntry.Outcome done(String run, String key) {
    return new AuditEntry.Outcome(
        "2026-11-29T10:00:01Z", run, subject(key), 200, 1, ChangeOutcome.State.DONE.id(), null);
  }

  private AuditLog log() {
    return new AuditLog(logs.resolve("audit.jsonl"), 90);
  }

  @Test
  void intentsAndOutcomesReadBackAsTheEntriesWritten() throws Exception {
    AuditLog log = log();
    log.intent(intent("r1", "update:E1"));
    log.outcome(done("r1", "update:E1"));
    log.close();
    AuditLog.Read read = log().read();
    assertEquals(List.of(intent("r1", "update:E1"), done("r1", "update:E1")), read.entries());
    assertEquals(List.of(), read.problems());
  }

  @Test
  void aRunLineReadsBackAsTheRunItStartsWithoutChangingTheWrites() throws Exception {
    AuditLog log = log();
    AuditRun run = new AuditRun("2026-11-29T09:59:59Z", "r1", "sandbox", "approved", 47, 55);
    log.run(run);
    log.intent(intent("r1", "update:E1"));
    log.outcome(done("r1", "update:E1"));
    log.close();
    assertTrue(
        Files.readAllLines(logs.resolve("audit.jsonl"))
            .get(0)
            .equals(
                "{\"type\":\"run\",\"time\":\"2026-11-29T09:59:59Z\",\"run_id\":\"r1\","
                    + "\"titan\":\"sandbox\",\"excused\":\"approved\",\"managed_users\":47,"
                    + "\"managed_memberships\":55}"));
    AuditLog.Read read = log().read();
    assertEquals(List.of(run), read.runs());
    assertEquals(run, read.run("r1").orElseThrow());
    assertEquals(List.of(intent("r1", "update:E1"), done("r1", "update:E1")), read.entries());
    assertEquals(List.of(), read.problems());
  }

  @Test
  void aLineWrittenBeforeIntentsExistedIsAnOutcome() throws Exception {
    Files.writeString(
        logs.resolve("audit.jsonl"),
        "{\"time\":\"t\",\"run_id\":\"r0\",\"file\":\"f.csv\",\"change\":\"create\","
            + "\"key\":\"create:E9\",\"external_id\":\"E9\",\"http_status\":201,\"attempts\":1,"
            + "\"result\":\"done\"}\n");
    AuditEntry entry = log().read().entries().get(0);
    assertTrue(entry instanceof AuditEntry.Outcome o && o.done() && o.httpStatus() == 201);
  }

  @Test
  void aTornLastLineIsCutOnOpenSoTheNextLineStandsAlone() throws Exception {
    AuditLog log = log();
    log.intent(intent("r1", "update:E1"));
    log.close();
    Path file = logs.resolve("audit.jsonl");
    Files.writeString(
        file, "{\"type\":\"intent\",\"run_id\":\"r1\",\"ke", StandardOpenOption.APPEND);
    assertTrue(log().read().problems().get(0).contains("line 2: torn"));

    AuditLog next = log();
    next.intent(intent("r2", "update:E1"));
    next.close();
    AuditLog.Read read = log().read();
    assertEquals(List.of(), read.problems());
    assertEquals(
        List.of(intent("r1", "update:E1"), intent("r2", "update:E1")), read.entries(), "no glue");
  }

  @Test
  void anUnreadableLineIsReportedWithItsLineNumberAndTheRestIsRead() throws Exception {
    Path file = logs.resolve("audit.jsonl");
    AuditLog log = log();
    log.intent(intent("r1", "update:E1"));
    log.close();
    Files.writeString(file, "not json at all\n{\"run_id\": 5}\n", StandardOpenOption.APPEND);
    log = log();
    log.outcome(done("r1", "update:E1"));
    log.close();
    AuditLog.Read read = log().read();
    assertEquals(2, read.entries().size());
    assertEquals(2, read.problems().size(), read.problems().toString());
    assertTrue(
        read.problems().get(0).endsWith("audit.jsonl line 2: unreadable (not a JSON object)"));
    assertTrue(read.problems().get(1).contains("line 3: unreadable (no change)"));
  }

  @Test
  void theLogRotatesBySizeAndIsReadAcrossItsRotations() throws Exception {
    AuditLog log = new AuditLog(logs.resolve("audit.jsonl"), 90, 600);
    for (int i = 0; i < 12; i++) {
      log.intent(intent("r1", "update:E" + i));
    }
    log.close();
    try (var files = Files.list(logs)) {
      assertTrue(files.count() > 2, "rotated at 600 bytes");
    }
    List<AuditEntry> entries = log().read().entries();
    assertEquals(12, entries.size());
    for (int i = 0; i < 12; i++) {
      assertEquals("update:E" + i, entries.get(i).subject().key(), "oldest first");
    }
  }

  @Test
  void aLogLastWrittenInAnEarlierMonthRotatesAndOldRotationsExpire() throws Exception {
    Path file = logs.resolve("audit.jsonl");
    AuditLog log = log();
    log.intent(intent("r1", "update:E1"));
    log.close();
    Instant lastMonth = Instant.now().minus(40, ChronoUnit.DAYS);
    Files.setLastModifiedTime(file, FileTime.from(lastMonth));
    Path ancient = logs.resolve("audit-20200101-000000.jsonl");
    Files.writeString(ancient, "", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(200, ChronoUnit.DAYS)));

    log = log();
    log.intent(intent("r2", "update:E1"));
    log.close();
    assertTrue(Files.notExists(ancient), "older than keep_runs_days (90)");
    try (var files = Files.list(logs)) {
      assertEquals(2, files.count(), "the current file and last month's");
    }
    assertEquals(2, log().read().entries().size());
  }
}
