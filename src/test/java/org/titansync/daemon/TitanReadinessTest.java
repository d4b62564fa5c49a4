package org.titansync.daemon;

import static org.titansync.daemon.DaemonHarness.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * The daemon's Titan readiness check calls Titan through a client built as a run's, from [titan]
 * and [retry]: a Titan that keeps answering 503 is reported with the configured number of attempts,
 * not with retries of the probe's own.
 */
class TitanReadinessTest {
  @TempDir Path dir;

  @Test
  void theProbeTriesAsOftenAsRetrySays() throws Exception {
    // Every request answers 503 (Retry-After: 1, capped by retry.max_delay_ms = 200).
    try (DaemonHarness h = DaemonHarness.start(dir, SandboxOptions.defaults().withErrorRate(1.0))) {
      h.writeConfig(""); // [retry] max_attempts = 2
      h.startDaemon();
      await(
          "readiness to give Titan's answer after the configured attempts",
          Duration.ofSeconds(30),
          () -> {
            DaemonHarness.Answer a = h.get("/observe/health/ready?exposureLevel=full");
            return a.status() == 503
                && a.body().contains("HTTP 503")
                && a.body().contains("gave up after 2 attempts");
          });
    }
  }
}
