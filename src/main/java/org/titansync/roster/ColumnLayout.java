package org.titansync.roster;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each required column sits in one file's header.
 *
 * <p>Header names match loosely (case, spaces, {@code _} and {@code -} ignored) because exports
 * drift between "External ID", "external_id" and "EXTERNALID" without anyone meaning a change.
 */
final class ColumnLayout {
  static final int EXTERNAL_ID = 0;
  static final int FIRST_NAME = 1;
  static final int LAST_NAME = 2;
  static final int EMAIL = 3;
  static final int SITE_NAME = 4;
  static final int ROLE_NAMES = 5;

  private static final List<String> COLUMNS = RosterOptions.REQUIRED_COLUMNS;

  private final List<String> headers;
  private final int[] positions;
  private final String[] fieldNames;

  private ColumnLayout(List<String> headers, int[] positions, String[] fieldNames) {
    this.headers = headers;
    this.positions = positions;
    this.fieldNames = fieldNames;
  }

  /**
   * Builds the lookup from loose header name to canonical column: every canonical name plus the
   * configured aliases.
   *
   * @throws IllegalArgumentException when an alias names an unknown column or one name would mean
   *     two columns
   */
  static Map<String, String> acceptedNames(Map<String, List<String>> aliases) {
    Map<String, String> accepted = new HashMap<>();
    for (String column : COLUMNS) {
      accepted.put(loose(column), column);
    }
    if (aliases == null) {
      return accepted;
    }
    for (Map.Entry<String, List<String>> entry : aliases.entrySet()) {
      String column = canonical(entry.getKey());
      if (column == null) {
        throw new IllegalArgumentException(
            "unknown column \""
                + entry.getKey()
                + "\" in column aliases; known columns: "
                + String.join(", ", COLUMNS));
      }
      for (String alias : entry.getValue()) {
        String key = loose(alias);
        if (key.isEmpty()) {
          throw new IllegalArgumentException("empty alias for column " + column);
        }
        String previous = accepted.putIfAbsent(key, column);
        if (previous != null && !previous.equals(column)) {
          throw new IllegalArgumentException(
              "alias \"" + alias + "\" for " + column + " already names column " + previous);
        }
      }
    }
    return accepted;
  }

  /**
   * Maps a header record to the required columns.
   *
   * @throws RosterException when a required column is missing or two headers mean one column
   */
  static ColumnLayout match(
      List<String> headers, Map<String, String> accepted, char delimiter, String fileName, int line)
      throws RosterException {
    int[] positions = new int[COLUMNS.size()];
    Arrays.fill(positions, -1);
    String[] fieldNames = new String[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      String column = accepted.get(loose(headers.get(i)));
      if (column == null) {
        continue;
      }
      int index = COLUMNS.indexOf(column);
      if (positions[index] >= 0) {
        throw new RosterException(
            fileName,
            line,
            column,
            "headers \""
                + headers.get(positions[index])
                + "\" (column "
                + (positions[index] + 1)
                + ") and \""
                + headers.get(i)
                + "\" (column "
                + (i + 1)
                + ") both map to "
                + column);
      }
      positions[index] = i;
      fieldNames[i] = column;
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        missing.add(COLUMNS.get(i));
      }
    }
    if (!missing.isEmpty()) {
      Set<String> matched = new HashSet<>();
      for (int p : positions) {
        if (p >= 0) {
          matched.add(headers.get(p));
        }
      }
      List<String> quoted = new ArrayList<>(headers.size());
      for (String header : headers) {
        quoted.add(RowChecks.quote(header));
      }
      throw new RosterException(
          fileName,
          line,
          missing.get(0),
          "missing required column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + "; found headers: "
              + String.join(", ", quoted)
              + HeaderHints.of(headers, accepted, delimiter, missing, matched));
    }
    return new ColumnLayout(List.copyOf(headers), positions, fieldNames);
  }

  /** The header names exactly as written. */
  List<String> headers() {
    return headers;
  }

  /** Number of fields every data row must have. */
  int width() {
    return headers.size();
  }

  /** Position in the row of a required column (one of the constants above). */
  int position(int column) {
    return positions[column];
  }

  /** The canonical column name for a field position, or null for a column we ignore. */
  String fieldName(int position) {
    return position < fieldNames.length ? fieldNames[position] : null;
  }

  private static String canonical(String name) {
    String key = loose(name);
    for (String column : COLUMNS) {
      if (loose(column).equals(key)) {
        return column;
      }
    }
    return null;
  }

  /** Lower case, NFC, without whitespace, {@code _} or {@code -}. */
  static String loose(String name) {
    String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
    StringBuilder key = new StringBuilder(normalized.length());
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      if (c == '_' || c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      key.append(c);
    }
    return key.toString().toLowerCase(Locale.ROOT);
  }
}
