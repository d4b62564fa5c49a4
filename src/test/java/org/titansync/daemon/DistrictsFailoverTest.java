package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes of {@code run --districts} over one districts folder (the file cluster service),
 * each district with its own sandbox Titan. The process running one district's export is killed
 * (SIGKILL) while a write of that run is in flight; the other process takes the district over and
 * runs the file again. Every district's export ends applied exactly once (its people in its Titan,
 * none twice), and the audit's run lines show no district run by two processes at once.
 */
class DistrictsFailoverTest {
  private static final List<String> NAMES = List.of("east", "north", "south", "west");
  private static final Pattern HOLDER = Pattern.compile("pid (\\d+)");

  @TempDir Path dir;

  @Test
  void aNodeKilledMidRunLeavesEveryExportAppliedOnceAndNoDistrictRunTwiceAtOnce() throws Exception {
    Map<String, DaemonHarness> titans = new LinkedHashMap<>();
    List<Process> nodes = new ArrayList<>();
    try {
      Path districts = dir.resolve("districts");
      for (String name : NAMES) {
        DaemonHarness titan = DaemonHarness.start(dir.resolve(name + "-titan"));
        titans.put(name, titan);
        Path file = titan.writeDistrict(districts.resolve(name + ".toml"));
        // The window counts a killed run's unanswered write as done and the run after it plans
        // that write again: the removals of the sample, counted twice, would hold the second run.
        Files.writeString(
            file, "[guardrails]\nmax_removal_percent = 50\n", StandardOpenOption.APPEND);
      }
      // Short leases: the file lock's heartbeat every 2 s, a leader given up after 6 s of silence.
      String cluster =
          "cluster = \"file\"\nrescan_seconds = 1\nconcurrency = 2\n"
              + "lease_seconds = 6\nrenew_seconds = 4\nretry_seconds = 2";
      List<Integer> ports = new ArrayList<>();
      for (String node : List.of("node-1", "node-2")) {
        int port = DaemonHarness.freePort();
        ports.add(port);
        Path host =
            DaemonHarness.writeDistrictsHost(dir.resolve(node + "/config.toml"), port, cluster);
        // Its awaits could add up to more than the two minutes a child serves by default.
        nodes.add(
            DaemonHarness.startChild(host, "-Xmx256m", 600, "--districts", districts.toString()));
      }
      for (int port : ports) {
        await(
            "both processes serving",
            Duration.ofSeconds(60),
            () -> DaemonHarness.get(port, "/observe/health/live").status() == 200);
      }
      DistrictsAudit.awaitInboxes(districts, NAMES);

      // East's third write is held in flight; its process is killed while it waits.
      DaemonHarness east = titans.get("east");
      east.sandbox().holdWrite(3);
      for (String name : NAMES) {
        Files.copy(DaemonHarness.SAMPLE, districts.resolve(name + "/inbox/staff.csv"));
      }
      await("east's third write", Duration.ofSeconds(60), () -> east.sandbox().holdingWrite());
      Path eastLogs = districts.resolve("east/logs");
      long holderPid = holderPid(eastLogs.resolve("run.lock"));
      Process killed = nodes.stream().filter(p -> p.pid() == holderPid).findFirst().orElseThrow();
      Process survivor = nodes.stream().filter(p -> p != killed).findFirst().orElseThrow();
      String killedRun = runIdOf(eastLogs.resolve("run.lock"));
      killed.destroyForcibly();
      assertTrue(killed.waitFor(30, TimeUnit.SECONDS), "the killed process did not end");
      Instant killedAt = Instant.now();
      east.sandbox().releaseHeldWrite();

      Map<Path, Process> byFolder = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        byFolder.put(dir.resolve("node-" + (i + 1)), nodes.get(i));
      }
      int left = ports.get(nodes.indexOf(survivor));
      for (String name : NAMES) {
        awaitArchived(
            districts, name, 1, () -> DistrictsAudit.state(districts, name, byFolder, left));
      }
      assertTrue(survivor.isAlive(), "the other process still serves");

      // Applied exactly once: no one twice in Titan, and the export again changes nothing.
      for (String name : NAMES) {
        List<Map<String, Object>> users = titans.get(name).sandbox().users();
        for (String field : List.of("email", "external_id")) {
          List<String> values =
              users.stream()
                  .map(u -> u.get(field))
                  .filter(java.util.Objects::nonNull)
                  .map(v -> String.valueOf(v).toLowerCase(java.util.Locale.ROOT))
                  .toList();
          assertEquals(
              values.size(),
              new java.util.HashSet<>(values).size(),
              name + ": no " + field + " twice in Titan");
        }
        assertEquals(
            List.of(),
            files(districts.resolve(name + "/quarantine")),
            name + ": nothing quarantined");
        Files.copy(DaemonHarness.SAMPLE, districts.resolve(name + "/inbox/again.csv"));
      }
      for (String name : NAMES) {
        Path logs = districts.resolve(name + "/logs");
        awaitArchived(
            districts, name, 2, () -> DistrictsAudit.state(districts, name, byFolder, left));
        List<Path> runs = DaemonHarness.runs(logs);
        assertEquals(
            "nothing_to_do",
            DaemonHarness.status(runs.get(runs.size() - 1)),
            name + ": Titan already holds the export");
      }
      for (String name : NAMES) {
        List<DistrictsAudit.Run> runs =
            DistrictsAudit.runs(districts.resolve(name + "/logs"), killedAt);
        DistrictsAudit.assertNoOverlap(name, runs);
        assertFalse(runs.isEmpty(), name + " ran");
      }
      List<DistrictsAudit.Run> eastRuns = DistrictsAudit.runs(eastLogs, killedAt);
      assertEquals(2, eastRuns.size(), "east: the killed run and the one after it " + eastRuns);
      assertEquals(killedRun, eastRuns.get(0).id());
      String again = eastRuns.get(1).id();
      assertEquals("applied", DaemonHarness.status(eastLogs.resolve("runs/" + again)));
      String survivorLog =
          Files.readString(
              dir.resolve("node-" + (nodes.indexOf(survivor) + 1) + "/err.txt"),
              java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(survivorLog.contains(again), "the other process ran east again");
      assertTrue(
          survivorLog.contains("district east is led by this process now"),
          "the other process logged that it leads east");
      System.out.printf(
          "east ran again %.1f s after the kill%n",
          Duration.between(killedAt, eastRuns.get(1).start()).toMillis() / 1000.0);
    } finally {
      for (Process node : nodes) {
        node.destroyForcibly().waitFor();
      }
      // Each process's own account, in this test's output, should anything above have failed.
      for (String node : List.of("node-1", "node-2")) {
        DistrictsAudit.printTail(dir.resolve(node + "/out.txt"), 80);
        DistrictsAudit.printTail(dir.resolve(node + "/err.txt"), 40);
      }
      for (DaemonHarness titan : titans.values()) {
        titan.close();
      }
    }
  }

  /**
   * Waits until the district's archive holds {@code count} files; on timeout the failure says what
   * the district's folders and both processes show of it.
   */
  private static void awaitArchived(
      Path districts, String name, int count, java.util.function.Supplier<String> state) {
    try {
      await(
          name + "'s export archived (" + count + " in its archive)",
          Duration.ofSeconds(60),
          io(() -> files(districts.resolve(name + "/archive")).size() == count));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + state.get(), e);
    }
  }

  /** The process that holds a run lock, from the text its holder wrote in it. */
  private static long holderPid(Path lock) throws java.io.IOException {
    Matcher m = HOLDER.matcher(Files.readString(lock));
    assertTrue(m.find(), "the run lock names its holder: " + Files.readString(lock));
    return Long.parseLong(m.group(1));
  }

  private static String runIdOf(Path lock) throws java.io.IOException {
    Matcher m = Pattern.compile("run (\\S+?),").matcher(Files.readString(lock));
    assertTrue(m.find(), "the run lock names its run: " + Files.readString(lock));
    return m.group(1);
  }
}
