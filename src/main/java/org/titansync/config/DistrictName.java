package org.titansync.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A district's name: its config file's name without {@code .toml}. It names the district's Lease,
 * its ZooKeeper node, its lock file, its routes and its metrics' label, so it keeps to what all of
 * them accept: lower-case letters, digits and inner hyphens, at most 40 characters.
 */
public record DistrictName(String value) implements Comparable<DistrictName> {
  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

  public DistrictName {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw new IllegalArgumentException("not a district name: " + value);
    }
  }

  /** The name, or empty when {@code text} cannot be one. */
  public static Optional<DistrictName> parse(String text) {
    return text != null && ALLOWED.matcher(text).matches()
        ? Optional.of(new DistrictName(text))
        : Optional.empty();
  }

  /** Why {@code text} cannot be a district's name, for messages. */
  public static String rule() {
    return "a district's file name (without .toml) is its name: lower-case letters, digits and"
        + " inner hyphens, at most 40 characters";
  }

  @Override
  public int compareTo(DistrictName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
