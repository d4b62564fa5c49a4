package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * A key that may read but not write: a Titan in front of the sandbox passes reads through and
 * refuses every write with 403. The run stops at once with exit 5, instead of sending one refused
 * request per change and ending "partly failed". And an audit log that cannot be written stops the
 * run before any write.
 */
class RefusedKeyDuringApplyEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRefusedWriteStopsTheRunAtOnce() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      try (TitanFront front =
          new TitanFront(
              h.sandbox().baseUrl(),
              exchange ->
                  new TitanFront.Reply(
                      403,
                      "{\"error\": {\"code\": \"forbidden\", \"message\": \"read-only key\"}}"))) {
        String config = Files.readString(h.config(), StandardCharsets.UTF_8);
        Files.writeString(
            h.config(),
            config.replace(h.sandbox().baseUrl(), front.baseUrl()),
            StandardCharsets.UTF_8);

        List<Staff.Person> people = Staff.people(60, 5);
        CliHarness.Result r = h.run("sync", h.csv("staff.csv", Staff.csv(people)).toString());

        assertEquals(5, r.exit(), r.out() + r.err());
        assertFalse(r.lastLine().contains("partly"), r.lastLine());
        assertTrue(r.out().contains("lacks user-management permission"), r.out());
        // At most one refused write per worker in flight (max_concurrency = 4), not one per change.
        assertTrue(front.writes() <= 4, front.writes() + " refused writes for 60 creates");
      }
    }
  }

  @Test
  void anAuditLogThatCannotBeWrittenStopsTheRunBeforeAnyWrite() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      // A folder where the audit file should be: every append fails, as on a full disk.
      Files.createDirectories(h.logs().resolve("audit.jsonl"));
      CliHarness.Result r =
          h.run("sync", h.csv("staff.csv", Staff.csv(Staff.people(30, 5))).toString());
      // Caught by the check of the logs folder made before the first write: a folder problem.
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(
          (r.out() + r.err())
              .contains("cannot open the audit log " + h.logs().resolve("audit.jsonl")),
          r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "no write without its audit line");
    }
  }
}
