package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;

/** `run` in this JVM against the sandbox: intake, folders, health and metrics. */
class DaemonIntakeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aFileWrittenSlowlyWithAnOldTimeIsProcessedOnceAndWhole() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.startDaemon();
      byte[] all = Files.readAllBytes(DaemonHarness.SAMPLE);
      Path target = h.inbox().resolve("staff.csv");
      // Like a copy that keeps the source's modification time: the time never moves, only the
      // size and content do, with pauses shorter than the quiet period.
      FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L);
      int chunks = 8;
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int i = 0; i < chunks; i++) {
          int from = all.length * i / chunks;
          int to = all.length * (i + 1) / chunks;
          out.write(all, from, to - from);
          out.flush();
          Files.setLastModifiedTime(target, old);
          h.awaitInboxPolls(2); // a whole poll saw this much, well within the quiet period
        }
      }
      Path archive = dir.resolve("archive");
      await("the file in archive/", WAIT, io(() -> files(archive).size() == 1));

      List<Path> archived = files(archive);
      Path run = runs(dir.resolve("logs")).get(0);
      String runId = run.getFileName().toString();
      assertTrue(
          archived.get(0).getFileName().toString().equals(runId + "-staff.csv"),
          "archive/<date>/<run-id>-<name>: " + archived);
      assertArrayEquals(all, Files.readAllBytes(archived.get(0)));
      assertArrayEquals(all, Files.readAllBytes(run.resolve("input.csv")), "read whole");
      assertEquals("applied", DaemonHarness.status(run));
      assertTrue(files(h.inbox()).stream().noneMatch(p -> p.getParent().equals(h.inbox())));
      // A few more polls: still exactly one run.
      h.awaitInboxPolls(5);
      assertEquals(1, runs(dir.resolve("logs")).size());
    }
  }

  @Test
  void aBrokenFileGoesToQuarantineWithItsReasonAndIsProcessedAgainWhenMovedBack() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.startDaemon();
      Files.writeString(h.inbox().resolve("broken.csv"), "this is not the staff export\n");
      Path quarantined = dir.resolve("quarantine/broken.csv");
      Path reason = dir.resolve("quarantine/broken.csv.reason.txt");
      await("broken.csv in quarantine/", WAIT, io(() -> Files.exists(quarantined)));

      String why = Files.readString(reason);
      assertTrue(why.contains("refused"), why);
      assertTrue(why.contains("missing required columns"), why);
      Path firstRun = runs(dir.resolve("logs")).get(0);
      assertTrue(why.contains(firstRun.getFileName().toString()), why);
      assertEquals("refused", DaemonHarness.status(firstRun));

      // The operator corrects the file and moves it back: it is processed again.
      Files.copy(
          DaemonHarness.SAMPLE, quarantined, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(quarantined, h.inbox().resolve("broken.csv"));
      await(
          "the corrected file in archive/",
          WAIT,
          io(() -> files(dir.resolve("archive")).size() == 1));
      List<Path> runs = runs(dir.resolve("logs"));
      assertEquals(2, runs.size());
      assertEquals("applied", DaemonHarness.status(runs.get(1)));
    }
  }

  @Test
  void healthIsReadyWhileTitanAnswersAndMetricsCountTheRuns() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.startDaemon();
      await("ready", WAIT, () -> h.get("/observe/health/ready?exposureLevel=full").status() == 200);
      assertEquals(200, h.get("/observe/health/live").status());

      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      await("the run", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
      String metrics = h.get("/observe/metrics").body();
      assertTrue(metrics.contains("titan_sync_runs_total{status=\"applied\"} 1.0"), metrics);
      assertTrue(metrics.contains("titan_sync_runs_total{status=\"refused\"} 0.0"), metrics);
      assertTrue(
          metrics.contains("titan_sync_changes_total{kind=\"create\",outcome=\"done\"} 11.0"),
          metrics);
      assertTrue(metrics.contains("titan_sync_api_calls_total{status=\"201\"}"), metrics);
      assertTrue(metrics.contains("titan_sync_api_retries_total 0.0"), metrics);
      assertTrue(
          metrics
              .lines()
              .anyMatch(l -> l.startsWith("titan_sync_last_success_timestamp_seconds 1")),
          metrics);

      h.sandbox().close();
      await("not ready", WAIT, () -> h.get("/observe/health/ready").status() == 503);
      assertTrue(h.get("/observe/health/ready").body().contains("DOWN"));
      assertEquals(200, h.get("/observe/health/live").status(), "alive, only not ready");
    }
  }

  @Test
  void theOneShotCommandStartsNeitherTheInboxRouteNorTheHttpServer() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig("");
      try (TitanSyncApp app = TitanSyncApp.start(ConfigLoader.load(config, Map.of()))) {
        assertNull(app.context().getRoute("inbox"));
        assertNull(app.context().getRoute("sftp-source"));
        assertEquals(-1, h.get("/observe/health").status(), "no port is open");
        assertTrue(!Files.exists(h.inbox().resolve(".titan-sync-lock")));
      }
    }
  }
}
