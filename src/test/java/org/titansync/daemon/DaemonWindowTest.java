package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;

/**
 * The guardrails' window outlives the daemon: after a restart, the removals of a run the old daemon
 * applied still count, so a second file that together with the first removes too much is held
 * although it would pass alone.
 */
class DaemonWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** Moves a file into the inbox in one step, as a finished upload. */
  private static void drop(DaemonHarness h, String name, String content) throws Exception {
    Path staged = h.dir().resolve(name);
    Files.writeString(staged, content, StandardCharsets.UTF_8);
    Files.createDirectories(h.inbox());
    Files.move(staged, h.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean finished(Path logs, int count) throws java.io.IOException {
    List<Path> all = runs(logs);
    return all.size() == count && Files.exists(all.get(count - 1).resolve("result.json"));
  }

  @Test
  void removalsOfARunBeforeTheRestartStillCountAfterIt() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path logs = dir.resolve("logs");
      List<String> sample = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
      // The sample's first run removes 4 of the 55 managed memberships (7.3%).
      TitanSyncApp first = h.startDaemon();
      drop(h, "staff.csv", String.join("\n", sample) + "\n");
      await("the sample's run", WAIT, io(() -> finished(logs, 1)));
      assertEquals("applied", DaemonHarness.status(runs(logs).get(0)));
      first.close();

      h.startDaemon();
      // 5 more people leave: 9.1% alone, but 9 of 55 (16.4%) in the window.
      Set<String> gone = Set.of("E1002", "E1003", "E1004", "E1011", "E1012");
      StringBuilder csv = new StringBuilder(sample.get(0)).append('\n');
      for (String row : sample.subList(1, sample.size())) {
        if (!gone.contains(row.substring(0, row.indexOf(',')))) {
          csv.append(row).append('\n');
        }
      }
      drop(h, "staff-2.csv", csv.toString());
      await("the second run", WAIT, io(() -> finished(logs, 2)));

      Path second = runs(logs).get(1);
      assertEquals("held", DaemonHarness.status(second));
      @SuppressWarnings("unchecked")
      Map<String, Object> result =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(second.resolve("result.json").toFile(), Map.class);
      String reasons = String.valueOf(result.get("hold_reasons"));
      assertTrue(
          reasons.contains(
              "with the 4 of earlier runs in the last 24 h that is 9, 16.4% of the"
                  + " 55 memberships"),
          reasons);
    }
  }
}
