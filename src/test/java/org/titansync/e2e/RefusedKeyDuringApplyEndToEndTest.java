package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * A key that may read but not write: the reads pass, the first writes are refused (403), and the
 * run stops at once with exit 5, instead of sending one refused request per change and ending
 * "partly failed".
 */
class RefusedKeyDuringApplyEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRefusedWriteStopsTheRunAtOnce() throws Exception {
    Map<String, Object> seed = Staff.seed(List.of());
    seed.put("api_keys", Map.of("sandbox-key", "admin", "readonly-key", "readonly"));
    Path seedFile = dir.resolve("seed.json");
    new ObjectMapper().writeValue(seedFile.toFile(), seed);
    try (CliHarness h = CliHarness.start(dir, SandboxOptions.defaults().withSeedFile(seedFile))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      String config = Files.readString(h.config(), StandardCharsets.UTF_8);
      Files.writeString(
          h.config(),
          config.replace("api_key = \"sandbox-key\"", "api_key = \"readonly-key\""),
          StandardCharsets.UTF_8);

      List<Staff.Person> people = Staff.people(60, 5);
      CliHarness.Result r = h.run("sync", h.csv("staff.csv", Staff.csv(people)).toString());

      assertEquals(5, r.exit(), r.out() + r.err());
      assertFalse(r.lastLine().contains("partly"), r.lastLine());
      // Three reads (sites, roles, users), then at most one refused write per worker in flight.
      assertTrue(
          h.sandbox().requestCount() <= 3 + 4,
          h.sandbox().requestCount() + " requests for 60 creates");
      assertEquals(0, h.sandbox().users().size());
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
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("cannot be written"), r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "no write without its audit line");
    }
  }
}
