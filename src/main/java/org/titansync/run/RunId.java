package org.titansync.run;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Run ids sort by start time and are safe in file names: {@code 20261126-173621-9f3a}. The last
 * four hex digits are the millisecond (top 10 bits) and 6 random bits, so two runs started in the
 * same second still sort in the order they started.
 */
public final class RunId {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String next() {
    LocalDateTime now = LocalDateTime.now(java.time.ZoneId.systemDefault());
    int millis = now.get(java.time.temporal.ChronoField.MILLI_OF_SECOND);
    int suffix = (millis << 6) | RANDOM.nextInt(64);
    return now.format(FORMAT) + "-" + String.format(java.util.Locale.ROOT, "%04x", suffix);
  }

  /** True for a string that could be a run id (guards path building from user input). */
  public static boolean isValid(String id) {
    return id != null && id.matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
  }
}
