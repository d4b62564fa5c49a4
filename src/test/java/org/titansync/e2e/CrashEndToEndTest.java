package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.testing.Await;

/**
 * A run killed with SIGKILL in the middle of applying (a child JVM) leaves nothing that the next
 * run of the same file does not converge from, and no duplicate users. A run killed between a
 * write's audit intent and Titan's answer is reverted from its audit lines alone.
 */
class CrashEndToEndTest {
  @TempDir Path dir;

  /** Starts `titan-sync sync FILE` in a child JVM and kills it once the sandbox saw n writes. */
  static void killMidRun(CliHarness h, Path csv, long afterWrites) throws Exception {
    Process child = ChildSync.start(h, csv, Path.of("target", "crash-child.log"));
    try {
      Await.until(
          afterWrites + " writes of the child run, or its end",
          Duration.ofSeconds(60),
          () -> h.sandbox().writeCount() >= afterWrites || !child.isAlive());
      assertTrue(child.isAlive(), "the run ended before it could be killed; raise the latency");
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aRunKilledMidApplyConvergesOnTheNextRun() throws Exception {
    SandboxOptions slow =
        SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)).withLatencyMs(25);
    try (CliHarness h = CliHarness.start(dir, slow)) {
      h.extraConfig(
          ApplyEndToEndTest.NO_BRAKES.replace(
              "[guardrails]", "[sync]\nmatch_existing_by_email = true\n[guardrails]"));
      List<Staff.Person> first = Staff.people(300, 11);
      Path firstCsv = h.csv("first.csv", Staff.csv(first));

      killMidRun(h, firstCsv, 60);
      long writtenBeforeKill = h.sandbox().writeCount();
      assertTrue(writtenBeforeKill < 300, "killed after " + writtenBeforeKill + " writes");

      CliHarness.Result r = h.run("sync", firstCsv.toString());
      assertEquals(0, r.exit(), r.out() + r.err());
      assertEquals(List.of(), Staff.differences(first, h.sandbox().users()));

      // Killed again in the second file, after the email releases of phase 0 began.
      List<Staff.Person> second = ApplyEndToEndTest.secondFile(first);
      Path secondCsv = h.csv("second.csv", Staff.csv(second));
      h.sandbox().resetCounters();
      killMidRun(h, secondCsv, 6);
      CliHarness.Result r2 = h.run("sync", secondCsv.toString());
      assertEquals(0, r2.exit(), r2.out() + r2.err());
      assertEquals(List.of(), Staff.differences(second, h.sandbox().users()));

      h.sandbox().resetCounters();
      assertEquals(0, h.run("sync", secondCsv.toString()).exit());
      assertEquals(0, h.sandbox().writeCount());
    }
  }

  @Test
  void aRunKilledWithAWriteInFlightIsRevertedFromTheAuditAlone() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      String config = java.nio.file.Files.readString(h.config());
      java.nio.file.Files.writeString(
          h.config(), config.replace("max_concurrency = 4", "max_concurrency = 1"));
      List<Staff.Person> people = Staff.people(40, 13);
      Path csv = h.csv("staff.csv", Staff.csv(people));

      assertEquals(
          137,
          ChildSync.killedWhileWriteInFlight(
              h, csv, 15, Path.of("target", "write-in-flight-child.log")));
      // One write at a time: 14 were sent and carried out; the 15th has its intent and was sent,
      // and Titan never carried it out.
      assertEquals(15, h.sandbox().writeCount());
      assertEquals(14, h.sandbox().mutationCount());
      List<String> lines =
          java.nio.file.Files.readAllLines(h.logs().resolve("audit.jsonl")).stream()
              .filter(l -> !l.startsWith("{\"type\":\"owned\""))
              .toList();
      // Its run line (as it started writing), 15 intents, 14 outcomes; its ownership lines aside.
      assertEquals(1 + 15 + 14, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).startsWith("{\"type\":\"run\""), lines.get(0));
      assertTrue(lines.get(lines.size() - 1).contains("\"type\":\"intent\""));
      String runId;
      try (var runs = java.nio.file.Files.list(h.logs().resolve("runs"))) {
        runId = runs.findFirst().orElseThrow().getFileName().toString();
      }

      // revert works from the audit alone, though the run has no result.json.
      CliHarness.Result revert = h.run("revert", runId, "--delete-created");
      assertTrue(
          revert.out().contains("1 write of run " + runId + " has an intent and no outcome"),
          revert.out());
      if (revert.exit() == 3) {
        // Deactivating everyone the run made is more removals than a run may make unasked.
        revert = h.run("approve", revert.runId());
      }
      assertEquals(0, revert.exit(), revert.out() + revert.err());
      List<java.util.Map<String, Object>> users = h.sandbox().users();
      assertEquals(14, users.size(), "the 15th create was never carried out");
      for (java.util.Map<String, Object> u : users) {
        assertEquals("inactive", u.get("status"), u.toString());
        assertEquals(List.of(), CliHarness.siteIds(u), u.toString());
      }

      // The next run of the same file converges, creating the 15th and the rest once.
      CliHarness.Result again = h.run("sync", csv.toString());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertEquals(List.of(), Staff.differences(people, h.sandbox().users()));
      assertEquals(40, h.sandbox().users().size());
    }
  }
}
