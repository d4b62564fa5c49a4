package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.pipeline.SyncJob;
import org.titansync.run.RunContext;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * Fail before writing: a logs folder, audit log or disk that cannot take the run stops it before
 * its first write to Titan, with exit 2 and one plain sentence; a run whose result and reports
 * could not be written never ends as done.
 */
class FailBeforeWritingTest {
  @TempDir Path dir;

  @Test
  void aLogsPathThatIsAFileExits2WithOnePlainSentenceAndWritesNothing() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Files.writeString(dir.resolve("not-a-folder"), "x");
      h.extraConfig("[paths]\nlogs = \"not-a-folder\"\n");

      CliHarness.Result r = h.run("sync", CliHarness.sample().toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(
          r.err().contains("paths.logs " + dir.resolve("not-a-folder") + " is not a folder"),
          r.err());
      assertFalse((r.out() + r.err()).contains("\tat "), "no stack trace: " + r.out() + r.err());
      assertFalse((r.out() + r.err()).contains("Exception"), r.out() + r.err());
      assertFalse(r.out().contains("Reports: "), r.out());
      assertEquals(0, h.sandbox().writeCount(), "nothing written to Titan");
    }
  }

  @Test
  void aDiskWithLessThanMinFreeMbStopsTheRunBeforeItsFirstWrite() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // More than any disk has: the check can only refuse.
      h.extraConfig("[sync]\nmin_free_mb = 1000000000\n");

      CliHarness.Result r = h.run("sync", CliHarness.sample().toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains("the disk of the logs folder " + h.logs()), r.lastLine());
      assertTrue(r.lastLine().contains("less than sync.min_free_mb = 1000000000"), r.lastLine());
      assertTrue(r.lastLine().contains("nothing was written to Titan"), r.lastLine());
      assertFalse((r.out() + r.err()).contains("\tat "), "no stack trace: " + r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "nothing written to Titan");
      assertEquals(
          "storage", CliHarness.readJson(h.runDir(r.runId()).resolve("result.json")).get("status"));
    }
  }

  @Test
  void aRunWhoseReportCannotBeWrittenSaysSoInItsResultJson() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      SyncConfig config = ConfigLoader.load(h.config(), Map.of());
      SyncJob job = TitanSyncApp.jobFor(config);
      RunContext ctx =
          job.prepare(SyncRequest.sync(CliHarness.sample(), true, SyncRequest.Trigger.CLI));
      try {
        // Something stands where report.html goes: result.json can be written, the report not.
        Files.createDirectories(ctx.runDir().resolve("report.html").resolve("in-the-way"));

        RunSummary summary = job.finish(ctx);

        assertNotEquals(0, summary.status().exitCode(), summary.status().toString());
        Map<String, Object> result = CliHarness.readJson(ctx.runDir().resolve("result.json"));
        assertEquals(2, result.get("exit_code"), result.toString());
        assertTrue(
            String.valueOf(result.get("message")).contains("could not be written"),
            result.toString());
      } finally {
        job.store().audit().close();
      }
    }
  }

  @Test
  void aRunWhoseResultAndReportsCannotBeWrittenNeverEndsAsDone() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      SyncConfig config = ConfigLoader.load(h.config(), Map.of());
      SyncJob job = TitanSyncApp.jobFor(config);
      RunContext ctx =
          job.prepare(SyncRequest.sync(CliHarness.sample(), true, SyncRequest.Trigger.CLI));
      try {
        // The run folder is gone and a file stands in its place, as when the disk fills up or
        // someone cleans the logs folder mid-run: result.json cannot be written.
        try (Stream<Path> all = Files.walk(ctx.runDir())) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.writeString(ctx.runDir(), "in the way");

        RunSummary summary = job.finish(ctx);

        assertNotEquals(0, summary.status().exitCode(), summary.status().toString());
        assertTrue(summary.message().contains("could not be written"), summary.message());
        assertTrue(summary.message().contains(ctx.runDir().toString()), summary.message());
      } finally {
        job.store().audit().close();
      }
    }
  }
}
