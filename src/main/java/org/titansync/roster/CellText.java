package org.titansync.roster;

import java.text.Normalizer;

/** How the text of a cell is cleaned before it is compared or kept. */
final class CellText {
  private CellText() {}

  /** Trimmed and NFC-normalized, so that the same name typed on two systems compares equal. */
  static String clean(String value) {
    String trimmed = trim(value);
    for (int i = 0; i < trimmed.length(); i++) {
      // Below U+0300 nothing combines, so most values skip the normalizer's allocation.
      if (trimmed.charAt(i) >= '\u0300') {
        return Normalizer.normalize(trimmed, Normalizer.Form.NFC);
      }
    }
    return trimmed;
  }

  /** Trimmed and NFC, with quotes, control characters and U+FFFD dropped. */
  static String withoutDamage(String value) {
    boolean damaged = false;
    for (int i = 0; i < value.length() && !damaged; i++) {
      char c = value.charAt(i);
      damaged = c == '"' || c == '\uFFFD' || Character.isISOControl(c);
    }
    if (!damaged) {
      return clean(value);
    }
    StringBuilder kept = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '"' && c != '\uFFFD' && !Character.isISOControl(c)) {
        kept.append(c);
      }
    }
    return clean(kept.toString());
  }

  /** Like {@link String#strip()}, but also drops no-break spaces, which spreadsheets leave. */
  static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isBlank(value.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
