package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.store.StateFolder;

/**
 * titan_sync_last_success_timestamp_seconds after a restart: the end of the newest run that
 * succeeded, read from its result.json, so the documented alert does not fire after every deploy.
 */
class MetricsAfterRestartTest {
  @TempDir Path dir;

  private void run(StateFolder store, String id, String status, String finishedAt)
      throws Exception {
    Path folder = Files.createDirectories(store.runsDir().resolve(id));
    Files.writeString(
        folder.resolve("result.json"),
        "{\"run_id\":\""
            + id
            + "\",\"status\":\""
            + status
            + "\",\"finished_at\":\""
            + finishedAt
            + "\"}");
  }

  @Test
  void theLastSuccessIsReadFromTheNewestRunThatSucceeded() throws Exception {
    StateFolder store = new StateFolder(dir.resolve("logs"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DaemonMetrics fresh = new DaemonMetrics(registry);
    fresh.recall(store);
    assertEquals(0, fresh.lastSuccessSeconds(), "no run yet: 0, as before the first");

    run(store, "20261126-090000-aaaa", "applied", "2026-11-26T09:00:05+01:00");
    run(store, "20261126-100000-bbbb", "nothing_to_do", "2026-11-26T10:00:03+01:00");
    run(store, "20261126-110000-cccc", "held", "2026-11-26T11:00:02+01:00");
    run(store, "20261126-120000-dddd", "unreachable", "2026-11-26T12:00:09+01:00");
    DaemonMetrics restarted = new DaemonMetrics(new SimpleMeterRegistry());
    restarted.recall(store);

    assertEquals(
        OffsetDateTime.parse("2026-11-26T10:00:03+01:00").toEpochSecond(),
        restarted.lastSuccessSeconds());
  }
}
