package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the guardrails' sentences write numbers, limits, counted nouns and names. */
final class Words {
  private Words() {}

  /** A measured percent, one decimal: {@code 41.3%}. */
  static String pct(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }

  /** A configured limit as written: {@code 10%}, {@code 12.5%}. */
  static String limit(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d%%", (long) value)
        : String.format(Locale.ROOT, "%s%%", value);
  }

  /** A count with its noun: {@code 1 person}, {@code 3 people}, {@code 2 managed members}. */
  static String people(int n, String noun) {
    if (n == 1) {
      return "1 " + noun;
    }
    return n + " " + (noun.endsWith("person") ? noun.replace("person", "people") : noun + "s");
  }

  /** Names in quotes, comma-separated: {@code "Lincoln", "Adams"}. */
  static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("\"" + n + "\""));
    return String.join(", ", q);
  }

  /** A cause as a sentence of its own: capitalised, with a full stop; empty stays empty. */
  static String sentence(String cause) {
    return cause.isEmpty() ? "" : Character.toUpperCase(cause.charAt(0)) + cause.substring(1) + ".";
  }
}
