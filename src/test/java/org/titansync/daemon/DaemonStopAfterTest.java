package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.TitanSyncCommand;

/**
 * {@code run --stop-after SECONDS} (camel.main.duration-max-seconds): the daemon starts, says where
 * it watches, stops by itself and exits 0, and a file that came in meanwhile is synced first.
 */
class DaemonStopAfterTest {
  @TempDir Path dir;

  @Test
  @Timeout(120) // a daemon that ignores --stop-after would otherwise hold the build
  void theDaemonStopsByItselfAndExitsZeroAfterSyncingWhatCameIn() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig("");
      Files.createDirectories(h.inbox());
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int exit =
          TitanSyncCommand.execute(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "run",
              "--config",
              config.toString(),
              "--stop-after",
              "8");

      assertEquals(0, exit, err.toString());
      assertTrue(out.toString().startsWith("titan-sync daemon: watching "), out.toString());
      assertTrue(Files.notExists(h.inbox().resolve("staff.csv")), "the file left the inbox");
      try (var archived = Files.walk(dir.resolve("archive"))) {
        assertEquals(1, archived.filter(Files::isRegularFile).count(), "archived once");
      }
    }
  }
}
