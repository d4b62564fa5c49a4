package org.titansync.report;

/** Counted nouns as people write them: "1 change", "2 changes", "1 person", "3 people". */
public final class Plural {
  private Plural() {}

  /** {@code n} and the noun, with an s when {@code n} is not 1. */
  public static String of(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  /** "1 person", "3 people". */
  public static String people(long n) {
    return n == 1 ? "1 person" : n + " people";
  }
}
