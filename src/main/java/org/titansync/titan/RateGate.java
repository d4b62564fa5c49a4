package org.titansync.titan;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.titansync.plan.TitanPort;

/**
 * How fast titan-sync calls Titan: one gate shared by every call of a run, reads and writes, on
 * every worker thread. Each call takes the next slot of an even pace; answers tune the pace:
 *
 * <ul>
 *   <li>with {@code X-RateLimit-Limit/Remaining/Reset} (docs/titan-api.md): the pace is a little
 *       under the announced limit, and when {@code Remaining} reaches 0 every worker waits until
 *       {@code Reset};
 *   <li>a 429 pauses every worker for its {@code Retry-After} (a 503's Retry-After delays only its
 *       own request: the server is struggling, not counting);
 *   <li>without headers, from {@code titan.initial_requests_per_second}: until the first 429 or 503
 *       the pace doubles with each second's worth of good answers (a Titan allowing 200 a second is
 *       found in a few seconds, not minutes); a 429 takes it to 80% and a 503 halves it, and the
 *       pace of that refusal is remembered; from there it grows by one request a second each second
 *       up to 90% of the remembered pace, and ten times slower above it, so that refusals stay rare
 *       and each costs little;
 *   <li>{@code titan.max_requests_per_second}, when set, is a ceiling on all of it.
 * </ul>
 */
public final class RateGate implements TitanPort.Pace {
  /** Under the announced limit by this much, so that timing noise does not cross it. */
  static final double HEADROOM = 0.97;

  private static final double MIN_RATE = 0.5;

  /** Without headers: the pace after a 429 (the limit is near: a little under it). */
  static final double AFTER_429 = 0.8;

  /** Without headers: the pace after a 503 (the server is struggling: give it room). */
  static final double AFTER_503 = 0.5;

  private final double ceiling;
  private final LongSupplier clockMillis;
  private final Sleeper sleeper;

  private double rate;
  private boolean announced;
  private long announcedLimit = -1;
  private long windowMillis = 1000;
  private long nextSlotNanos;
  private long pausedUntilMillis;

  /** Without headers: the pace at which Titan last refused (429 or 503); NaN before any. */
  private double refusedAt = Double.NaN;

  /** Turns given: one per call that went through this gate. */
  private long turns;

  /** Waits; a seam for tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * @param initialRate requests a second to start from while Titan announces no limit
   * @param ceiling requests a second never to exceed; 0 or less for none
   */
  public RateGate(double initialRate, double ceiling) {
    this(initialRate, ceiling, System::currentTimeMillis, Thread::sleep);
  }

  RateGate(double initialRate, double ceiling, LongSupplier clockMillis, Sleeper sleeper) {
    this.ceiling = ceiling > 0 ? ceiling : Double.POSITIVE_INFINITY;
    this.rate = Math.max(MIN_RATE, Math.min(initialRate, this.ceiling));
    this.clockMillis = clockMillis;
    this.sleeper = sleeper;
  }

  /** A gate that never waits (tests of other things, and tools that pace themselves). */
  public static RateGate unlimited() {
    return new RateGate(Double.POSITIVE_INFINITY, 0);
  }

  /** Waits for this call's turn. */
  public void acquire() throws InterruptedException {
    long waitMillis;
    synchronized (this) {
      turns++;
      long nowMillis = clockMillis.getAsLong();
      long nowNanos = System.nanoTime();
      double pace = Math.min(rate, ceiling);
      long interval =
          Double.isInfinite(pace) ? 0 : (long) (1_000_000_000L / Math.max(pace, MIN_RATE));
      // A worker that comes late may take slots it missed, but only as many as the headroom
      // under the announced limit holds, so that no window of Titan's overflows.
      long catchUp = (long) (interval * catchUpSlots());
      long slot = Math.max(nextSlotNanos, nowNanos - catchUp);
      if (pausedUntilMillis > nowMillis) {
        slot = Math.max(slot, nowNanos + (pausedUntilMillis - nowMillis) * 1_000_000L);
      }
      nextSlotNanos = slot + interval;
      waitMillis = (slot - nowNanos) / 1_000_000L;
    }
    if (waitMillis > 0) {
      sleeper.sleep(waitMillis);
    }
  }

  /** Half the headroom under an announced limit, in requests; one without an announcement. */
  private double catchUpSlots() {
    return announced ? 0.5 * (1 - HEADROOM) * announcedLimit : 1;
  }

  /** Learns from an answer: its status, and its rate-limit headers when it has them. */
  public synchronized void observe(int status, HttpHeaders headers) {
    OptionalLong limit = number(headers, "X-RateLimit-Limit");
    OptionalLong remaining = number(headers, "X-RateLimit-Remaining");
    OptionalLong reset = number(headers, "X-RateLimit-Reset");
    long nowMillis = clockMillis.getAsLong();
    if (limit.isPresent() && limit.getAsLong() > 0) {
      if (reset.isPresent()) {
        long untilReset = reset.getAsLong() * 1000 - nowMillis;
        if (untilReset > 0 && untilReset <= 3_600_000) {
          // The window is at least as long as what is left of it; whole seconds.
          windowMillis = Math.max(windowMillis, ((untilReset + 999) / 1000) * 1000);
        }
      }
      announced = true;
      announcedLimit = limit.getAsLong();
      rate = HEADROOM * announcedLimit * 1000.0 / windowMillis;
      if (remaining.isPresent() && remaining.getAsLong() <= 0 && reset.isPresent()) {
        pauseUntil(reset.getAsLong() * 1000, nowMillis);
      }
    }
    long retryAfter = TitanErrors.retryAfterMillis(headers.firstValue("Retry-After").orElse(null));
    if (status == 429 && retryAfter >= 0) {
      // Titan says it is over its limit for everyone: every worker waits, not just this one.
      pauseUntil(nowMillis + retryAfter, nowMillis);
    }
    if (status == 429 || status == 503) {
      if (!announced) {
        refusedAt = Math.min(rate, ceiling);
        rate = Math.max(MIN_RATE, refusedAt * (status == 429 ? AFTER_429 : AFTER_503));
      }
    } else if (!announced && status / 100 == 2 && !Double.isInfinite(rate)) {
      double step;
      if (Double.isNaN(refusedAt)) {
        step = 1; // one more per answer: doubles each second's worth of answers
      } else if (rate < 0.9 * refusedAt) {
        step = 1.0 / rate; // one request a second more each second
      } else {
        step = 0.1 / rate; // near where Titan said no: probe slowly
      }
      rate = Math.min(rate + step, ceiling);
    }
  }

  private void pauseUntil(long untilMillis, long nowMillis) {
    if (untilMillis > nowMillis && untilMillis - nowMillis <= 3_600_000) {
      pausedUntilMillis = Math.max(pausedUntilMillis, untilMillis);
    }
  }

  /** How many turns this gate has given: every call to Titan asks for one. */
  public synchronized long turns() {
    return turns;
  }

  /** The requests a second the pace is at now. */
  @Override
  public synchronized double rate() {
    return Math.min(rate, ceiling);
  }

  /** The requests a second Titan announced, once an answer said; empty before, or without. */
  @Override
  public synchronized OptionalDouble announcedRate() {
    return announced
        ? OptionalDouble.of(announcedLimit * 1000.0 / windowMillis)
        : OptionalDouble.empty();
  }

  /** The time until which every worker waits, if any (for tests and the log). */
  synchronized Optional<Long> pausedUntil() {
    return pausedUntilMillis > clockMillis.getAsLong()
        ? Optional.of(pausedUntilMillis)
        : Optional.empty();
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
