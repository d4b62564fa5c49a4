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

  /** Why a value cannot be sent; the value itself is never part of it. */
  public static final String NOT_SENDABLE =
      "holds a line break or another control character, which an HTTP header cannot carry"
          + " (the value is not shown)";

  /** True when {@code value} can travel as an HTTP header value: no control characters. */
  public static boolean sendable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The unset secret. */
  public static Secret none() {
    return NONE;
  }

  /** The value itself: call it only where the value is sent (an HTTP header, an SMTP login). */
  public String reveal() {
    return value;
  }

  /**
   * {@code text} with this secret's value (stripped) replaced by {@code ***} wherever it appears:
   * text that came from outside (Titan's answers, a refused file's first line) may echo it.
   */
  public String scrub(String text) {
    String secret = value.strip();
    if (text == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, "***");
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
