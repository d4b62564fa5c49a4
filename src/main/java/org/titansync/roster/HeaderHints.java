package org.titansync.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to change when a header is nearly right: a header read as one column because the export uses
 * another delimiter ({@code ;}, a tab), or a missing column beside a header that looks like it
 * ("Work Email" for {@code email}), for which the hint is the exact {@code [csv.columns]} line to
 * add. A hint is only a suggestion: the file is refused all the same, and nothing is guessed.
 */
final class HeaderHints {
  /** Words that a header meaning each column usually holds, in loose form. */
  private static final Map<String, List<String>> WORDS =
      Map.of(
          "external_id",
          List.of("externalid", "employeeid", "staffid", "employeenumber", "staffnumber", "id"),
          "first_name",
          List.of("first", "given", "forename"),
          "last_name",
          List.of("last", "surname", "family"),
          "email",
          List.of("email", "mail"),
          "site_name",
          List.of("site", "school", "building", "location", "campus"),
          "role_names",
          List.of("role", "title", "position", "job"));

  private static final List<Character> DELIMITERS = List.of(';', '\t', '|', ',');

  private HeaderHints() {}

  /**
   * The hint for a header with missing columns; empty when nothing looks nearly right.
   *
   * @param headers the header's names as read with the configured delimiter
   * @param accepted loose header name -> column, as {@link ColumnLayout#acceptedNames} builds it
   * @param delimiter the configured delimiter
   * @param missing the required columns no header matched
   */
  static String of(
      List<String> headers,
      Map<String, String> accepted,
      char delimiter,
      List<String> missing,
      Set<String> matchedHeaders) {
    String other = otherDelimiter(headers, accepted, delimiter, missing.size());
    if (!other.isEmpty()) {
      return other;
    }
    List<String> lines = new ArrayList<>();
    List<String> looks = new ArrayList<>();
    for (String column : missing) {
      List<String> alike = new ArrayList<>();
      for (String header : headers) {
        if (!matchedHeaders.contains(header) && looksLike(header, column)) {
          alike.add(header);
        }
      }
      if (alike.size() == 1) {
        String header = alike.get(0);
        looks.add(RowChecks.quote(header) + " for " + column);
        lines.add(column + " = " + tomlString(header));
      }
    }
    if (lines.isEmpty()) {
      return "";
    }
    return "; "
        + String.join(", ", looks)
        + (looks.size() == 1 ? " looks like it" : " look like them")
        + ": if "
        + (looks.size() == 1 ? "it is" : "they are")
        + ", add under [csv.columns] in the config: "
        + String.join("; ", lines);
  }

  /**
   * "the header has ";" between its names: set [csv] delimiter = ";"" when reading the header with
   * another delimiter finds more of the required columns; else empty.
   */
  private static String otherDelimiter(
      List<String> headers, Map<String, String> accepted, char delimiter, int missing) {
    String line = String.join(String.valueOf(delimiter), headers);
    int foundNow = 6 - missing;
    char best = 0;
    int bestFound = foundNow;
    for (char candidate : DELIMITERS) {
      if (candidate == delimiter || line.indexOf(candidate) < 0) {
        continue;
      }
      int found = 0;
      for (String name : line.split(java.util.regex.Pattern.quote(String.valueOf(candidate)), -1)) {
        if (accepted.containsKey(ColumnLayout.loose(stripQuotes(name)))) {
          found++;
        }
      }
      if (found > bestFound) {
        best = candidate;
        bestFound = found;
      }
    }
    if (best == 0) {
      return "";
    }
    String shown = best == '\t' ? "tabs" : "\"" + best + "\"";
    String toml = best == '\t' ? "\"\\t\"" : "\"" + best + "\"";
    return "; the header has "
        + shown
        + " between its names, which the configured delimiter "
        + (delimiter == '\t' ? "(a tab)" : "\"" + delimiter + "\"")
        + " does not split: set [csv] delimiter = "
        + toml
        + " in the config";
  }

  private static String stripQuotes(String name) {
    String s = name.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** True when a header holds a word that names the column, or is one slip away from its name. */
  static boolean looksLike(String header, String column) {
    String key = ColumnLayout.loose(header);
    if (key.isEmpty()) {
      return false;
    }
    if (column.equals("external_id")) {
      // "id" alone is too common inside other words (a "Site Id" is not a person's key).
      return WORDS.get(column).stream()
              .anyMatch(w -> w.length() > 2 ? key.contains(w) : key.equals(w))
          || key.endsWith("employeeid")
          || key.equals("sisid");
    }
    for (String word : WORDS.get(column)) {
      if (key.contains(word)) {
        return true;
      }
    }
    return close(key, ColumnLayout.loose(column));
  }

  /** One edit apart, a swap of neighbours counting as one (a typo: "emial", "frist_name"). */
  private static boolean close(String a, String b) {
    if (a.equals(b) || Math.abs(a.length() - b.length()) > 1 || a.length() > 64) {
      return false;
    }
    return TypoDistance.between(a, b) == 1;
  }

  /** A TOML basic string. */
  private static String tomlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
