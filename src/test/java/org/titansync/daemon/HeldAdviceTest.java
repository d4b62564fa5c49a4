package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advice that works when copied: the daemon runs with {@code run --sandbox --config FILE}; the
 * approve command its held run offers (reason file, result.json, report.txt, the log, `runs`) is
 * one command with that --config and --sandbox, and pasted as it is it applies the run. The file
 * then leaves held/ for archive/ and its reason file goes. A second held run is discarded with a
 * reason: its file goes to quarantine/ with the reason, and it is no longer offered or approvable.
 */
class HeldAdviceTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void theSuggestedApproveWorksPastedAndADiscardedRunIsSetAside() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      Path config = h.writeConfig("");
      Process daemon = DaemonHarness.startChild(config, "--sandbox");
      try {
        await("the daemon up", WAIT, () -> h.get("/observe/health/live").status() == 200);
        Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("a-staff.csv"));
        await("the sample archived", WAIT, io(() -> files(dir.resolve("archive")).size() == 1));
        List<String> lines = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
        Files.write(h.inbox().resolve("b-staff.csv"), lines.subList(0, 34));
        await("the cut file held", WAIT, io(() -> files(dir.resolve("held")).size() == 2));
        Path heldRun = runs(dir.resolve("logs")).get(1);
        String runId = heldRun.getFileName().toString();
        Path heldFile = dir.resolve("held").resolve(runId + "-b-staff.csv");
        Path reason = dir.resolve("held").resolve(runId + "-b-staff.csv.reason.txt");

        String expected = "titan-sync approve " + runId + " --sandbox --config " + config;
        String fromReason =
            Files.readAllLines(reason).stream()
                .filter(l -> l.startsWith("Approve with: "))
                .findFirst()
                .orElseThrow()
                .substring("Approve with: ".length());
        assertEquals(expected, fromReason);
        assertEquals(
            expected,
            new ObjectMapper()
                .readTree(heldRun.resolve("result.json").toFile())
                .get("approve_command")
                .asText());
        assertTrue(Files.readString(heldRun.resolve("report.txt")).contains(expected));
        assertTrue(Files.readString(heldRun.resolve("report.html")).contains(expected));
        await(
            "the log line",
            WAIT,
            io(
                () ->
                    Files.readString(dir.resolve("err.txt"))
                        .contains("approve with `" + expected + "`")));
        CliRun listed = CliRun.of("runs", "--sandbox", "--config", config.toString());
        assertTrue(listed.out().contains("approve: " + expected + ";"), listed.out());

        // Pasted as it is: no terminal here, so nobody is asked.
        List<String> pasted = new ArrayList<>(Arrays.asList(fromReason.split(" ")));
        assertEquals("titan-sync", pasted.remove(0));
        CliRun approved = CliRun.of(pasted.toArray(String[]::new));
        assertEquals(0, approved.exit(), approved.out() + approved.err());
        assertFalse(Files.exists(heldFile), "the approved file left held/");
        assertFalse(Files.exists(reason), "its stale reason went with it");
        assertEquals(
            List.of(runId + "-b-staff.csv"),
            files(dir.resolve("archive")).stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(runId))
                .toList());

        // A second cut, shorter still: held, then discarded.
        Files.write(h.inbox().resolve("c-staff.csv"), lines.subList(0, 12));
        await("the second cut held", WAIT, io(() -> files(dir.resolve("held")).size() == 2));
        String second = runs(dir.resolve("logs")).get(3).getFileName().toString();
        CliRun discarded =
            CliRun.of(
                "discard",
                second,
                "--reason",
                "the export was cut; the SIS sends it again",
                "--sandbox",
                "--config",
                config.toString());
        assertEquals(0, discarded.exit(), discarded.out() + discarded.err());
        assertEquals(0, files(dir.resolve("held")).size(), "held/ is empty");
        Path quarantined = dir.resolve("quarantine").resolve(second + "-c-staff.csv");
        assertTrue(Files.exists(quarantined));
        assertTrue(
            Files.readString(quarantined.resolveSibling(quarantined.getFileName() + ".reason.txt"))
                .contains(": \"the export was cut; the SIS sends it again\""));
        CliRun after = CliRun.of("runs", "--sandbox", "--config", config.toString());
        List<String> listing = after.out().lines().toList();
        int at =
            listing.indexOf(
                listing.stream().filter(l -> l.startsWith(second)).findFirst().orElseThrow());
        String secondLines = listing.get(at) + "\n" + listing.get(at + 1);
        assertFalse(secondLines.contains("approve"), secondLines);
        assertTrue(secondLines.contains("discarded by "), secondLines);
        CliRun refused = CliRun.of("approve", second, "--sandbox", "--config", config.toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("was discarded by"), refused.err());
      } finally {
        daemon.destroy();
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop");
        daemon.destroyForcibly();
      }
    }
  }
}
