package org.titansync.sandbox;

import java.util.Random;

/**
 * The injected faults: a 503 before a request is handled ({@code errorRate}) and a committed write
 * whose answer is lost ({@code dropRate}). Seeded, so a test run repeats its faults.
 */
final class FaultDice {
  private final Random errorDice;
  private final Random dropDice;
  private volatile double errorRate;
  private volatile double dropRate;

  FaultDice(long seed, double errorRate, double dropRate) {
    this.errorDice = new Random(seed);
    this.dropDice = new Random(seed * 31 + 7);
    this.errorRate = errorRate;
    this.dropRate = dropRate;
  }

  /** Changes the rates while running. */
  void set(double errorRate, double dropRate) {
    SandboxOptions.checkRate("errorRate", errorRate);
    SandboxOptions.checkRate("dropRate", dropRate);
    this.errorRate = errorRate;
    this.dropRate = dropRate;
  }

  /** Whether this request is answered 503 instead of being handled. */
  boolean failsNow() {
    return roll(errorDice, errorRate);
  }

  /** Whether this write, committed, loses its answer. */
  boolean dropsNow() {
    return roll(dropDice, dropRate);
  }

  private static boolean roll(Random dice, double rate) {
    return rate > 0 && dice.nextDouble() < rate;
  }
}
