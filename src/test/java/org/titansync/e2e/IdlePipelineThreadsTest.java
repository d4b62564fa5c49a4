package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * A pipeline between runs keeps no thread its runs started: {@code run --districts} keeps one
 * pipeline for each of hundreds of districts, idle most of the time, and each thread kept is a
 * stack kept. The reads side by side (the multicast of route plan-file) and the Titan client's
 * answers let their threads go within seconds of the run's end, where Camel's default thread pool
 * and the JDK's own for each HTTP client kept ten and a few for a minute.
 */
class IdlePipelineThreadsTest {
  /** Threads of a run that should not outlive it: Camel's multicast, the JDK client's workers. */
  private static final Pattern RUN_THREAD =
      Pattern.compile(".* - Multicast|HttpClient-\\d+-Worker-\\d+|titan-http-\\d+");

  @TempDir Path dir;

  @Test
  void theThreadsOfARunAreGoneSoonAfterItEnds() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      SyncConfig config = ConfigLoader.load(h.config(), Map.of());
      Set<Long> before = liveThreadIds();
      try (TitanSyncApp app = TitanSyncApp.start(config)) {
        // Looks on while the runs go: the pattern below must see their threads to mean anything.
        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread lookout =
            new Thread(
                () -> {
                  while (running.get()) {
                    seen.addAll(runThreads(before));
                    try {
                      Thread.sleep(5); // a look every 5 ms: a read lasts far longer
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        lookout.setDaemon(true);
        lookout.start();
        try {
          for (int run = 0; run < 3; run++) {
            RunSummary summary =
                app.sync(SyncRequest.sync(CliHarness.sample(), true, SyncRequest.Trigger.CLI));
            assertEquals(0, summary.status().exitCode(), summary.message());
          }
        } finally {
          running.set(false);
          lookout.join();
        }
        assertTrue(
            seen.stream().anyMatch(name -> name.endsWith(" - Multicast")),
            "the runs read side by side on threads of their own: " + seen);

        long deadline = System.nanoTime() + 15_000_000_000L;
        List<String> left = runThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100); // polling a condition: how many of the run's threads are left
          left = runThreads(before);
        }
        assertEquals(List.of(), left, "threads of the runs still there 15 s after the last");
      }
    }
  }

  /** The run threads alive now that were not alive before the pipeline started. */
  private static List<String> runThreads(Set<Long> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t.getId()))
        .map(Thread::getName)
        .filter(name -> RUN_THREAD.matcher(name).matches())
        .sorted()
        .toList();
  }

  private static Set<Long> liveThreadIds() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getId)
        .collect(Collectors.toSet());
  }
}
