package org.titansync.run;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids sort by start time and are safe in file names: {@code 20261126-173621-9f3a}. */
public final class RunId {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String next() {
    byte[] b = new byte[2];
    RANDOM.nextBytes(b);
    return LocalDateTime.now(java.time.ZoneId.systemDefault()).format(FORMAT)
        + "-"
        + HexFormat.of().formatHex(b);
  }

  /** True for a string that could be a run id (guards path building from user input). */
  public static boolean isValid(String id) {
    return id != null && id.matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
  }
}
