package org.titansync.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request budget: {@code rps} requests per wall-clock second (a fixed window that resets at
 * each whole epoch second, which is what X-RateLimit-Reset announces).
 */
final class RateWindow {

  /** What the headers announce when no limit is set: a budget no client reaches. */
  static final long UNLIMITED = 1_000_000;

  /**
   * One decision, and the headers every response carries.
   *
   * @param retryAfterSeconds whole seconds to wait when not allowed
   */
  record Quota(
      boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {

    Map<String, String> headers() {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("X-RateLimit-Limit", Long.toString(limit));
      h.put("X-RateLimit-Remaining", Long.toString(remaining));
      h.put("X-RateLimit-Reset", Long.toString(resetEpochSecond));
      return h;
    }
  }

  private final long limit;
  private final Clock clock;
  private long windowSecond;
  private long used;

  /**
   * @param rps requests per second; 0 = no limit
   */
  RateWindow(int rps, Clock clock) {
    this.limit = rps == 0 ? UNLIMITED : rps;
    this.clock = clock;
  }

  /** Spends one request of this second's budget, when there is any left. */
  synchronized Quota acquire() {
    long nowMillis = roll();
    if (used < limit) {
      used++;
      return quota(true, nowMillis);
    }
    return quota(false, nowMillis);
  }

  /** The budget as it stands, spending nothing (for answers given before the limit applies). */
  synchronized Quota peek() {
    return quota(true, roll());
  }

  private long roll() {
    long nowMillis = clock.millis();
    long second = Math.floorDiv(nowMillis, 1000L);
    if (second != windowSecond) {
      windowSecond = second;
      used = 0;
    }
    return nowMillis;
  }

  private Quota quota(boolean allowed, long nowMillis) {
    long reset = windowSecond + 1;
    long wait = Math.max(1, (reset * 1000 - nowMillis + 999) / 1000);
    return new Quota(allowed, limit, Math.max(0, limit - used), reset, wait);
  }
}
