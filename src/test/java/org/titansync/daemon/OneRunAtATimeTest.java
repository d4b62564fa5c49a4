package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * One run at a time per setup: the lock in the logs folder covers the CLI and the daemon, in one
 * process or several.
 */
class OneRunAtATimeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static String lockText(Path logs) throws java.io.IOException {
    Path lock = logs.resolve("run.lock");
    return Files.isRegularFile(lock) ? Files.readString(lock, StandardCharsets.UTF_8) : "";
  }

  @Test
  void aCliSyncBesideADaemonRunGivesUpWithExit6NamingTheDaemonAndGoesAheadOnceItIsGone()
      throws Exception {
    // Every answer takes 400 ms and one write goes at a time: the daemon's run lasts long enough.
    try (DaemonHarness h = DaemonHarness.start(dir, SandboxOptions.defaults().withLatencyMs(400))) {
      Path config = h.writeConfig("[sync]\nlock_wait_seconds = 1\n");
      Files.writeString(
          config,
          Files.readString(config)
              .replace("timeout_seconds = 5\n", "timeout_seconds = 5\nmax_concurrency = 1\n"));
      Path logs = dir.resolve("logs");
      Process daemon = DaemonHarness.startChild(config);
      try {
        await("the daemon's folders", WAIT, () -> Files.isDirectory(h.inbox()));
        Path part = h.inbox().resolve("staff.csv.part");
        Files.copy(DaemonHarness.SAMPLE, part);
        Files.move(part, h.inbox().resolve("staff.csv"), StandardCopyOption.ATOMIC_MOVE);
        await("the daemon's run to hold the lock", WAIT, io(() -> lockText(logs).contains("run ")));
        String holder = lockText(logs);
        assertTrue(holder.contains("pid " + daemon.pid() + " on "), holder);

        CliRun busy =
            CliRun.of("sync", DaemonHarness.SAMPLE.toString(), "--config", config.toString());

        assertEquals(6, busy.exit(), busy.all());
        assertTrue(busy.all().contains("another run holds the lock"), busy.all());
        assertTrue(busy.all().contains("pid " + daemon.pid() + " on "), busy.all());
        String daemonRun = holder.substring(holder.indexOf("run ") + 4, holder.indexOf(", since"));
        assertTrue(busy.all().contains("run " + daemonRun + ", since "), busy.all());
        assertFalse(busy.all().contains("\tat org."), "no stack trace: " + busy.all());
        String busyRun = runIdOf(busy);
        assertEquals("busy", DaemonHarness.status(logs.resolve("runs").resolve(busyRun)));
        assertFalse(
            Files.readString(logs.resolve("audit.jsonl")).contains(busyRun),
            "the refused run wrote nothing to Titan");

        // A killed holder leaves no lock behind: the operating system releases it.
        daemon.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        Files.writeString(
            config,
            Files.readString(config).replace("max_concurrency = 1\n", "max_concurrency = 8\n"));
        CliRun after =
            CliRun.of("sync", DaemonHarness.SAMPLE.toString(), "--config", config.toString());
        assertEquals(0, after.exit(), after.all());
      } finally {
        daemon.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void aDaemonRunThatFindsTheLockBusyLeavesItsFileInTheInboxAndRunsItOnceTheLockIsFree()
      throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("[sync]\nlock_wait_seconds = 0\n");
      Path logs = dir.resolve("logs");
      Files.createDirectories(logs);
      // Another run of this setup holds the lock (as a run of this same process would).
      FileChannel other =
          FileChannel.open(
              logs.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held = other.lock();
      try {
        h.startDaemon();
        Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
        await(
            "a run that finds the lock busy",
            WAIT,
            io(
                () ->
                    !runs(logs).isEmpty()
                        && Files.exists(runs(logs).get(0).resolve("result.json"))
                        && "busy".equals(DaemonHarness.status(runs(logs).get(0)))));
        assertTrue(Files.exists(h.inbox().resolve("staff.csv")), "the file waits in the inbox");
        assertEquals(List.of(), files(dir.resolve("quarantine")));
        assertEquals(List.of(), files(dir.resolve("held")));
        assertEquals(List.of(), files(dir.resolve("archive")));
        assertEquals(0, h.sandbox().writeCount(), "nothing written while the lock was busy");
      } finally {
        held.release();
        other.close();
      }
      await(
          "the file archived once the lock is free",
          WAIT,
          io(() -> files(dir.resolve("archive")).size() == 1));
      List<Path> all = runs(logs);
      assertEquals("applied", DaemonHarness.status(all.get(all.size() - 1)));
    }
  }

  @Test
  void aDaemonRunWhoseLogsFolderCannotTakeItWritesNothingAndLeavesItsFileInTheInbox()
      throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir)) {
      h.writeConfig("[sync]\nmin_free_mb = 1000000000\n"); // more than any disk has
      Path logs = dir.resolve("logs");
      h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, h.inbox().resolve("staff.csv"));
      await(
          "a run stopped by the logs folder check",
          WAIT,
          io(
              () ->
                  !runs(logs).isEmpty()
                      && Files.exists(runs(logs).get(0).resolve("result.json"))
                      && "storage".equals(DaemonHarness.status(runs(logs).get(0)))));
      assertTrue(Files.exists(h.inbox().resolve("staff.csv")), "the file waits in the inbox");
      assertEquals(List.of(), files(dir.resolve("quarantine")), "the file is not to blame");
      assertEquals(List.of(), files(dir.resolve("archive")));
      assertEquals(0, h.sandbox().writeCount(), "nothing written to Titan");
    }
  }

  @Test
  void twoSyncsOfOneFileAtOnceDoNotBothApply() throws Exception {
    try (DaemonHarness h = DaemonHarness.start(dir, SandboxOptions.defaults().withLatencyMs(20))) {
      Path config = h.writeConfig("");
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          runs.add(
              two.submit(
                  () -> {
                    go.await();
                    return CliRun.of(
                        "sync", DaemonHarness.SAMPLE.toString(), "--config", config.toString());
                  }));
        }
        go.countDown();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Future<CliRun> run : runs) {
          CliRun o = run.get(2, TimeUnit.MINUTES);
          assertEquals(0, o.exit(), o.all());
          String status =
              DaemonHarness.status(dir.resolve("logs").resolve("runs").resolve(runIdOf(o)));
          byStatus.merge(status, 1, Integer::sum);
        }
        assertEquals(Map.of("applied", 1, "nothing_to_do", 1), byStatus);
      } finally {
        two.shutdownNow();
      }
    }
  }

  private static String runIdOf(CliRun o) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("titan-sync: run (\\d{8}-\\d{6}-[0-9a-f]{4}):")
            .matcher(o.out());
    assertTrue(m.find(), "no run id in: " + o.all());
    return m.group(1);
  }
}
