package org.titansync.guard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.titansync.roster.RosterOptions;

/**
 * What a header means: which header feeds each of the six fields, compared the way the reader
 * matches names (case, spaces, {@code _} and {@code -} ignored; {@code [csv.columns]} aliases).
 * Ignored columns, their order and a respelling that maps to the same field mean nothing; a field
 * fed from another alias than before, or no longer fed, is a change.
 *
 * @param sources field -> the loose name of the header that feeds it
 * @param written field -> that header as the file wrote it
 */
record ColumnMeaning(Map<String, String> sources, Map<String, String> written) {

  static ColumnMeaning of(List<String> headers, Map<String, List<String>> aliases) {
    Map<String, String> accepted = new HashMap<>();
    for (String column : RosterOptions.REQUIRED_COLUMNS) {
      accepted.put(loose(column), column);
    }
    aliases.forEach(
        (column, names) -> {
          String field = accepted.get(loose(column));
          if (field != null) {
            names.forEach(n -> accepted.putIfAbsent(loose(n), field));
          }
        });
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, String> written = new LinkedHashMap<>();
    for (String h : headers) {
      String field = accepted.get(loose(h));
      if (field != null && !sources.containsKey(field)) {
        sources.put(field, loose(h));
        written.put(field, h);
      }
    }
    return new ColumnMeaning(sources, written);
  }

  /** The differences in words; empty when both mean the same. */
  List<String> differences(ColumnMeaning now) {
    List<String> out = new ArrayList<>();
    for (String field : RosterOptions.REQUIRED_COLUMNS) {
      String before = sources.get(field);
      String after = now.sources.get(field);
      if ((before == null && after == null) || (before != null && before.equals(after))) {
        continue;
      }
      if (after == null) {
        out.add(field + " was read from \"" + written.get(field) + "\", now from no column");
      } else if (before == null) {
        out.add(field + " is now read from \"" + now.written.get(field) + "\"");
      } else {
        out.add(
            field
                + " was read from \""
                + written.get(field)
                + "\", now from \""
                + now.written.get(field)
                + "\"");
      }
    }
    return out;
  }

  /**
   * As the reader compares header names: NFC, lower case, no whitespace, {@code _} or {@code -}.
   */
  static String loose(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFC);
    StringBuilder key = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c != '_' && c != '-' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        key.append(c);
      }
    }
    return key.toString().toLowerCase(Locale.ROOT);
  }
}
