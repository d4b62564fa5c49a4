package org.titansync.daemon;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Remembers what each file looked like when first seen and since when it has looked the same, on
 * this process's own clock: a file's modification time can lie (copies that keep the source's
 * time), the clock of the daemon cannot.
 */
final class QuietPeriod {
  private record Seen(Object signature, long sinceNanos, long lastNanos) {}

  private final long quietNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Seen> seen = new HashMap<>();

  QuietPeriod(long quietMillis, LongSupplier nanoClock) {
    this.quietNanos = quietMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /**
   * True once {@code key} has shown the same {@code signature} for the whole quiet period. A
   * changed signature starts the period again.
   */
  synchronized boolean settled(String key, Object signature) {
    long now = nanoClock.getAsLong();
    forgetStale(now);
    Seen before = seen.get(key);
    if (before == null || !Objects.equals(before.signature(), signature)) {
      seen.put(key, new Seen(signature, now, now));
      return false;
    }
    seen.put(key, new Seen(signature, before.sinceNanos(), now));
    return now - before.sinceNanos() >= quietNanos;
  }

  /** Starts over for {@code key}: the next sighting opens a new quiet period. */
  synchronized void forget(String key) {
    seen.remove(key);
  }

  // Files that vanished (moved away by hand) would otherwise be remembered forever.
  private void forgetStale(long now) {
    long horizon = Math.max(quietNanos * 4, 3_600_000_000_000L);
    seen.values().removeIf(s -> now - s.lastNanos() > horizon);
  }
}
