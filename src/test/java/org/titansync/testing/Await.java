package org.titansync.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests on a condition, never on the clock: a test goes on the moment what it waits for
 * holds, and fails naming it when it does not hold in time. The timeout is a bound for a broken
 * run, not a guess at how long a good one takes.
 */
public final class Await {
  /** How often the condition is asked again: short, since asking is cheap. */
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /** Asks {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS); // the pause between two askings, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
