package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.TitanSyncCommand;

/**
 * One writer per sandbox state: with the daemon's sandbox ({@code run --sandbox}, a JVM of its own)
 * serving logs/sandbox-state.json, {@code approve --sandbox} sends its writes to that sandbox
 * instead of starting a second one on the same file, so the approved change is still in the state
 * once the daemon has stopped and saved.
 */
class SharedSandboxTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void anApprovalBesideTheDaemonsSandboxIsNotLostWhenTheDaemonStops() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long daemonPid;
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig("");
      Process daemon = DaemonHarness.startChild(config, "--sandbox");
      daemonPid = daemon.pid();
      try {
        await("the daemon up", WAIT, () -> h.get("/observe/health/live").status() == 200);
        Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("a-staff.csv"));
        await("the sample archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
        // The sample cut after 33 of its 55 data rows: held.
        List<String> lines = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
        Files.write(h.inbox().resolve("b-staff.csv"), lines.subList(0, 34));
        await("the cut file held", WAIT, io(() -> files(dir.resolve("held")).size() == 2));
        Path held = runs(dir.resolve("logs")).get(1);
        assertEquals("held", DaemonHarness.status(held));

        int exit =
            TitanSyncCommand.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "approve",
                held.getFileName().toString(),
                "--sandbox",
                "--config",
                config.toString());
        assertEquals(0, exit, out + "\n" + err);
      } finally {
        daemon.destroy(); // SIGTERM: the daemon stops and its sandbox saves its state
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop");
        daemon.destroyForcibly();
      }
    }
    Path saved = dir.resolve("logs/sandbox-state.json");
    JsonNode state = new ObjectMapper().readTree(saved.toFile());
    List<String> sample = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
    String lastRow = sample.get(sample.size() - 1);
    String gone = lastRow.substring(0, lastRow.indexOf(','));
    boolean found = false;
    for (JsonNode user : state.get("users")) {
      if (gone.equals(user.path("external_id").asText())) {
        found = true;
        assertEquals(
            0,
            user.get("memberships").size(),
            gone + " left with the approved plan, and stays gone in " + saved);
      }
    }
    assertTrue(found, gone + " in " + saved);
    // The approval said whose sandbox it used.
    assertTrue(
        err.toString().contains("using the Titan simulator that already serves"), err.toString());
    assertTrue(err.toString().contains("titan-sync run --sandbox"), err.toString());
    assertTrue(err.toString().contains("process " + daemonPid), err.toString());
  }
}
