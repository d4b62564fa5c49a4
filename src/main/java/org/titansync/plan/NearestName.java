package org.titansync.plan;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name closest to a misspelt one ("Riverveiw Elementary" -> "Riverview Elementary"), so
 * that a row error says what was probably meant. Close means a few edits for the name's length,
 * case and spaces ignored, a swap of neighbours counting as one; a tie between two names suggests
 * neither, since a wrong guess costs the reader more than none.
 */
final class NearestName {
  private NearestName() {}

  /** The one known name close enough to {@code typed}; empty when none or two are. */
  static Optional<String> to(String typed, Collection<String> known) {
    String key = key(typed);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    int allowed = allowed(key.length());
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String name : known) {
      String other = key(name);
      if (Math.abs(other.length() - key.length()) > allowed) {
        continue;
      }
      int d = distance(key, other, allowed);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance && !other.equals(key(best))) {
        tie = true;
      }
    }
    return best == null || bestDistance > allowed || bestDistance == 0 || tie
        ? Optional.empty()
        : Optional.of(best);
  }

  /** One edit for short names, two from 8 characters, three from 16. */
  private static int allowed(int length) {
    return length < 4 ? 0 : length < 8 ? 1 : length < 16 ? 2 : 3;
  }

  private static String key(String name) {
    return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * Edits between two strings (insert, delete, replace, swap of neighbours); anything above {@code
   * cap} comes back as {@code cap + 1}, so a long list of far names costs little.
   */
  static int distance(String a, String b, int cap) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > cap) {
        return cap + 1;
      }
      int[] spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    return Math.min(previous[m], cap + 1);
  }
}
