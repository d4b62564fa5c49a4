package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons, each its own JVM, on one shared inbox: exactly one consumes, and when it is killed
 * the other takes over. Each child stops by itself after two minutes and is killed at the end.
 */
class TwoDaemonsTest {
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void eachFileIsProcessedExactlyOnceAndTheStandbyTakesOverFromAKilledLeader() throws Exception {
    Path share = dir.resolve("share");
    String paths =
        """
        inbox = "../share/inbox"
        archive = "../share/archive"
        quarantine = "../share/quarantine"
        held = "../share/held"
        """;
    String logging =
        """
        [logging]
        format = "json"
        level = "INFO"
        """;
    List<Process> children = new ArrayList<>();
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      int portA = DaemonHarness.freePort();
      int portB = DaemonHarness.freePort();
      Path configA = h.writeConfig(dir.resolve("a/config.toml"), portA, paths, logging);
      Path configB = h.writeConfig(dir.resolve("b/config.toml"), portB, paths, logging);

      Process a = DaemonHarness.startChild(configA);
      children.add(a);
      // A holds the lock (its leader record exists) before B starts, so A is the leader.
      Path leaderRecord = share.resolve("inbox/.titan-sync-lock/titan-sync.dat");
      await("daemon A to lead", Duration.ofSeconds(60), () -> Files.exists(leaderRecord));
      Process b = DaemonHarness.startChild(configB);
      children.add(b);
      await(
          "daemon B to serve health",
          Duration.ofSeconds(60),
          () -> DaemonHarness.get(portB, "/observe/health/live").status() == 200);

      List<String> names = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        String name = String.format(java.util.Locale.ROOT, "staff-%02d.csv", i);
        names.add(name);
        drop(share.resolve("inbox"), name);
      }
      Path archive = share.resolve("archive");
      await("10 files archived", Duration.ofSeconds(90), io(() -> files(archive).size() == 10));

      List<String> archived = new ArrayList<>();
      for (Path p : files(archive)) {
        archived.add(p.getFileName().toString().substring(RUN_ID_LENGTH + 1));
      }
      archived.sort(null);
      assertEquals(names, archived, "every file archived exactly once");
      List<Path> runsA = runs(dir.resolve("a/logs"));
      List<Path> runsB = runs(dir.resolve("b/logs"));
      assertEquals(10, runsA.size() + runsB.size(), "10 runs in all");
      assertEquals(10, runsA.size(), "the leader ran them all, the standby none");
      assertRunIdOnEveryRunLine(dir.resolve("a/err.txt"));

      // Kill the leader outright (no shutdown hook runs); the standby takes over.
      a.destroyForcibly().waitFor();
      drop(share.resolve("inbox"), "staff-11.csv");
      await(
          "the standby to process a new file",
          Duration.ofSeconds(60),
          io(() -> files(archive).size() == 11));
      assertEquals(1, runs(dir.resolve("b/logs")).size(), "the standby ran the new file");
      assertTrue(
          files(share.resolve("inbox")).stream()
              .allMatch(p -> p.toString().contains(".titan-sync-lock")));
    } finally {
      for (Process p : children) {
        p.destroyForcibly();
      }
      for (Process p : children) {
        p.waitFor();
      }
      for (String node : List.of("a", "b")) {
        Path err = dir.resolve(node + "/err.txt");
        if (Files.exists(err)) {
          // Kept in the test's output file: what the child said, for a failure's post-mortem.
          System.err.println("---- daemon " + node + " stderr\n" + Files.readString(err));
        }
      }
    }
  }

  private static final int RUN_ID_LENGTH = "20261126-173621-9f3a".length();

  /** Whole files appear at once, as a careful uploader makes them: written aside, renamed in. */
  private static void drop(Path inbox, String name) throws IOException {
    Path part = inbox.resolve(name + ".part");
    Files.copy(DaemonHarness.SAMPLE, part);
    Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** JSON log lines: each line that speaks of a run carries that run's id as run_id. */
  private static void assertRunIdOnEveryRunLine(Path log) throws IOException {
    int checked = 0;
    for (String line : Files.readAllLines(log)) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode event = JSON.readTree(line);
      String message = event.path("message").asText();
      Matcher m = RUN_ID.matcher(message);
      if (m.find()) {
        assertEquals(m.group(), event.path("run_id").asText(), line);
        checked++;
      }
    }
    assertFalse(checked < 30, "run lines found in the JSON log: " + checked);
  }
}
