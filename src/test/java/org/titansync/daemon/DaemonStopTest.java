package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/** SIGTERM during a run: the run finishes, its file is archived whole, then the daemon exits. */
class DaemonStopTest {
  @TempDir Path dir;

  @Test
  void aStopLetsTheRunInFlightFinishAndMovesNothingHalfWay() throws Exception {
    // Every answer takes 150 ms, so the run is still writing when the stop comes.
    try (DaemonHarness h = DaemonHarness.start(dir, SandboxOptions.defaults().withLatencyMs(150))) {
      Path config = h.writeConfig("stop_timeout_seconds = 30\n");
      Process daemon = DaemonHarness.startChild(config);
      try {
        Path part = h.inbox().resolve("staff.csv.part");
        await("the daemon's folders", Duration.ofSeconds(60), () -> Files.isDirectory(h.inbox()));
        Files.copy(DaemonHarness.SAMPLE, part);
        Files.move(part, h.inbox().resolve("staff.csv"), StandardCopyOption.ATOMIC_MOVE);
        await(
            "the run to start writing", Duration.ofSeconds(60), () -> h.sandbox().writeCount() > 0);

        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stops");

        List<Path> archived = files(dir.resolve("archive"));
        assertEquals(1, archived.size(), "the run finished and its file was archived");
        assertArrayEquals(
            Files.readAllBytes(DaemonHarness.SAMPLE), Files.readAllBytes(archived.get(0)));
        assertTrue(io(() -> !Files.exists(h.inbox().resolve("staff.csv"))).getAsBoolean());
        assertEquals("applied", DaemonHarness.status(runs(dir.resolve("logs")).get(0)));
      } finally {
        daemon.destroyForcibly().waitFor();
        // Kept in the test's output file for a failure's post-mortem.
        System.err.println("---- daemon stderr\n" + Files.readString(dir.resolve("err.txt")));
      }
    }
  }
}
