package org.titansync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the sandbox counts of its traffic, for tests and for GET /_sandbox/stats. */
final class TrafficCounters {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong mutations = new AtomicLong();
  private final AtomicLong injectedErrors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  /** An API request arrived: counted, and in flight until {@link #left()}. */
  void arrived(boolean write) {
    requests.incrementAndGet();
    if (write) {
      writes.incrementAndGet();
    }
    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
  }

  void left() {
    inFlight.decrementAndGet();
  }

  void mutated() {
    mutations.incrementAndGet();
  }

  void injectedError() {
    injectedErrors.incrementAndGet();
  }

  void dropped() {
    dropped.incrementAndGet();
  }

  void throttled() {
    throttled.incrementAndGet();
  }

  int peakConcurrency() {
    return peak.get();
  }

  long requests() {
    return requests.get();
  }

  long writes() {
    return writes.get();
  }

  long mutations() {
    return mutations.get();
  }

  void reset() {
    requests.set(0);
    writes.set(0);
    mutations.set(0);
    injectedErrors.set(0);
    dropped.set(0);
    throttled.set(0);
    peak.set(inFlight.get());
  }

  /** The counters, as GET /_sandbox/stats shows them, with the number of users held. */
  Map<String, Long> stats(int users) {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("requests", requests.get());
    stats.put("writes", writes.get());
    stats.put("mutations", mutations.get());
    stats.put("peak_concurrency", (long) peak.get());
    stats.put("in_flight", (long) inFlight.get());
    stats.put("injected_errors", injectedErrors.get());
    stats.put("dropped", dropped.get());
    stats.put("throttled", throttled.get());
    stats.put("users", (long) users);
    return stats;
  }
}
