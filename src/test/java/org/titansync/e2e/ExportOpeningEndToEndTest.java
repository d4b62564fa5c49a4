package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.camel.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunContext;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncJob;
import org.titansync.run.SyncRequest;

/**
 * How a run opens the export: never through a link, whether the link is given by hand or a file was
 * swapped for one after the daemon's intake looked at it.
 */
class ExportOpeningEndToEndTest {
  @TempDir Path dir;

  @Test
  void syncGivenALinkIsRefusedWithExit2NamingTheLinkNotItsTarget() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path target = Files.copy(CliHarness.sample(), dir.resolve("real-export.csv"));
      Path link = Files.createSymbolicLink(dir.resolve("staff.csv"), target);

      CliHarness.Result r = h.run("sync", link.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains(link + ": is a symbolic link"), r.lastLine());
      assertFalse((r.out() + r.err()).contains("real-export"), r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "nothing written to Titan");
      Path run = h.runDir(r.runId());
      assertEquals("refused", CliHarness.readJson(run.resolve("result.json")).get("status"));
      assertFalse(Files.exists(run.resolve("input.csv")), "nothing copied through the link");
    }
  }

  @Test
  void aFileSwappedForALinkAfterTheIntakeLookedIsNotReadByTheRun() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path target = Files.copy(CliHarness.sample(), dir.resolve("real-export.csv"));
      // What the daemon hands over once its intake found a regular file there: the same path,
      // now a link.
      Path swapped = Files.createSymbolicLink(dir.resolve("staff.csv"), target);
      SyncConfig config = ConfigLoader.load(h.config(), Map.of());
      SyncJob job = TitanSyncApp.jobFor(config);
      try {
        RunContext ctx = job.prepare(new SyncRequest(swapped, true, "daemon"));
        RunSummary summary = job.finish(ctx);

        assertEquals(RunStatus.REFUSED, summary.status(), summary.message());
        assertTrue(summary.message().contains("staff.csv: is a symbolic link"), summary.message());
        assertFalse(summary.message().contains("real-export"), summary.message());
        assertFalse(Files.exists(ctx.runDir().resolve("input.csv")), "nothing copied");
      } finally {
        job.store().audit().close();
      }
    }
  }
}
