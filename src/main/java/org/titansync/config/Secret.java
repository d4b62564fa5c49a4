package org.titansync.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A password or API key. It prints as {@code ***} (or {@code (not set)}) so that logging a config,
 * a record holding one, or an exception never shows the value; only {@link #reveal()} does.
 */
public final class Secret {
  private static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret holding {@code value}; null or empty gives the unset secret. */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? NONE : new Secret(value);
  }

  /** The unset secret. */
  public static Secret none() {
    return NONE;
  }

  /** The value itself: call it only where the value is sent (an HTTP header, an SMTP login). */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "(not set)" : "***";
  }

  // Constant-time comparison, and a hash that says only whether a value is set, so neither
  // timing nor a logged hash code tells anything about the value.
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(value.isEmpty());
  }
}
