package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.apply.Applier;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
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
      try (TitanSyncApp app =
          beforeReport(
              h,
              runDir -> {
                // Something stands where report.html goes: result.json can be written, the report
                // not.
                Files.createDirectories(runDir.resolve("report.html").resolve("in-the-way"));
              })) {
        RunSummary summary =
            app.sync(SyncRequest.sync(CliHarness.sample(), true, SyncRequest.Trigger.CLI));

        assertNotEquals(0, summary.status().exitCode(), summary.status().toString());
        Map<String, Object> result =
            CliHarness.readJson(h.runDir(summary.runId()).resolve("result.json"));
        assertEquals(2, result.get("exit_code"), result.toString());
        assertTrue(
            String.valueOf(result.get("message")).contains("could not be written"),
            result.toString());
      }
    }
  }

  @Test
  void aRunWhoseResultAndReportsCannotBeWrittenNeverEndsAsDone() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      try (TitanSyncApp app =
          beforeReport(
              h,
              runDir -> {
                // The run folder is gone and a file stands in its place, as when the disk fills up
                // or
                // someone cleans the logs folder mid-run: result.json cannot be written.
                try (Stream<Path> all = Files.walk(runDir)) {
                  all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                Files.writeString(runDir, "in the way");
              })) {
        RunSummary summary =
            app.sync(SyncRequest.sync(CliHarness.sample(), true, SyncRequest.Trigger.CLI));

        Path runDir = h.runDir(summary.runId());
        assertNotEquals(0, summary.status().exitCode(), summary.status().toString());
        assertTrue(summary.message().contains("could not be written"), summary.message());
        assertTrue(summary.message().contains(runDir.toString()), summary.message());
      }
    }
  }

  /** What happens to the run folder just before stage report. */
  private interface RunFolderDamage {
    void to(Path runDir) throws Exception;
  }

  /** The app for the harness's config, {@code damage} done to the run folder before report. */
  private static TitanSyncApp beforeReport(CliHarness h, RunFolderDamage damage) throws Exception {
    SyncConfig config = ConfigLoader.load(h.config(), Map.of());
    TitanSyncApp app = TitanSyncApp.start(config);
    AdviceWith.adviceWith(
        app.context(),
        "run-end",
        route ->
            route
                .weaveById("report")
                .before()
                .process(ex -> damage.to(ex.getProperty(Applier.RUN, RunContext.class).runDir())));
    return app;
  }
}
