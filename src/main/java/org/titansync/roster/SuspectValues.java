package org.titansync.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids and emails a row of broken shape may hold, so that the person it meant is protected from
 * removal although the row itself cannot be mapped.
 */
final class SuspectValues {
  private SuspectValues() {}

  /**
   * The values a row of broken shape may mean as its external_id: the field in the external_id
   * position and its neighbours (a missing or extra field shifts it by one), those joined in pairs
   * when the row has too many fields (an extra delimiter cut the id in two), and the pieces of the
   * id position's field (a stray quote pulled several values into it); all without quotes and
   * control characters. Protecting a value that names nobody costs nothing; the few kept per row
   * keep a file of bad rows within the memory a file of good rows takes.
   */
  static List<String> ids(List<String> fields, ColumnLayout layout, char delimiter) {
    int id = layout.position(ColumnLayout.EXTERNAL_ID);
    List<String> ids = new ArrayList<>(6);
    for (int p = Math.max(0, id - 1); p <= id + 1 && p < fields.size(); p++) {
      ids.add(CellText.withoutDamage(fields.get(p)));
      if (fields.size() > layout.width() && p + 1 < fields.size() && p <= id) {
        ids.add(CellText.withoutDamage(fields.get(p) + fields.get(p + 1)));
      }
    }
    if (id < fields.size()) {
      addPieces(CellText.withoutDamage(fields.get(id)), delimiter, ids);
    }
    return ids;
  }

  /**
   * The values a row of broken shape may mean as an email, wherever they stand: every field, pairs
   * of neighbours when the row has too many fields, and the pieces of every field; only plausible
   * emails are kept of them.
   */
  static List<String> emails(List<String> fields, ColumnLayout layout, char delimiter) {
    List<String> candidates = new ArrayList<>();
    for (int p = 0; p < fields.size(); p++) {
      String value = CellText.withoutDamage(fields.get(p));
      candidates.add(value);
      addPieces(value, delimiter, candidates);
      if (fields.size() > layout.width() && p + 1 < fields.size()) {
        candidates.add(CellText.withoutDamage(fields.get(p) + fields.get(p + 1)));
      }
    }
    List<String> emails = new ArrayList<>(2);
    for (String candidate : candidates) {
      if (candidate.indexOf('@') > 0 && RowChecks.isPlausibleEmail(candidate)) {
        emails.add(candidate);
      }
    }
    return emails;
  }

  /** The parts of a value between delimiters and spaces, when it has more than one. */
  private static void addPieces(String value, char delimiter, List<String> into) {
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length()
          || value.charAt(i) == delimiter
          || CellText.isBlank(value.charAt(i))) {
        if (i > start && (start > 0 || i < value.length())) {
          into.add(value.substring(start, i));
        }
        start = i + 1;
      }
    }
  }
}
