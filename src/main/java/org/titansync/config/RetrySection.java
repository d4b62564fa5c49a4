package org.titansync.config;

import java.util.List;
import org.titansync.config.SyncConfig.Retry;

/** Reads {@code [retry]}: backoff for transient API failures. */
final class RetrySection {
  private RetrySection() {}

  static Retry read(ConfigReader reader) {
    int maxAttempts = reader.integer("retry", "max_attempts", 6, 1, 100);
    long initialDelayMs = reader.whole("retry", "initial_delay_ms", 500, 0, 3_600_000);
    long maxDelayMs = reader.whole("retry", "max_delay_ms", 30_000, 0, 3_600_000);
    if (maxDelayMs < initialDelayMs) {
      reader.problem(
          List.of(
              "retry", reader.isSet("retry", "max_delay_ms") ? "max_delay_ms" : "initial_delay_ms"),
          "retry.max_delay_ms ("
              + maxDelayMs
              + ") must be at least retry.initial_delay_ms ("
              + initialDelayMs
              + ")");
    }
    return new Retry(
        maxAttempts,
        initialDelayMs,
        maxDelayMs,
        reader.decimal("retry", "multiplier", 2.0, 1, false, 10),
        reader.whole("retry", "run_budget_seconds", 3600, 1, Long.MAX_VALUE));
  }
}
