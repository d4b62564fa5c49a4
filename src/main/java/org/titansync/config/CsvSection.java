package org.titansync.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.titansync.roster.RosterOptions;
import org.tomlj.TomlTable;

/** Reads {@code [csv]} and {@code [csv.columns]}: how the export is read. */
final class CsvSection {
  private CsvSection() {}

  static CsvSettings read(ConfigReader reader) {
    List<String> delimiterPath = List.of("csv", "delimiter");
    String delimiterText = reader.string(delimiterPath, ",");
    if (delimiterText.equals("\\t") || delimiterText.equalsIgnoreCase("tab")) {
      delimiterText = "\t"; // a literal '\t' or the word, for people who wrote it in single quotes
    }
    char delimiter = ',';
    if (delimiterText.length() != 1) {
      reader.problem(
          delimiterPath,
          "must be a single character (\"\\t\" for tab), got \"" + delimiterText + "\"");
    } else if ("\"\r\n".indexOf(delimiterText.charAt(0)) >= 0) {
      reader.problem(delimiterPath, "cannot be a quote or a line break");
    } else {
      delimiter = delimiterText.charAt(0);
    }

    List<String> separatorPath = List.of("csv", "role_separator");
    String roleSeparator = reader.string(separatorPath, ";");
    if (roleSeparator.isEmpty() || roleSeparator.contains("\n") || roleSeparator.contains("\r")) {
      reader.problem(separatorPath, "must be one or more characters on one line, such as \";\"");
      roleSeparator = ";";
    }

    List<String> encodingPath = List.of("csv", "encoding");
    String encodingName = reader.string(encodingPath, "UTF-8").strip();
    Charset encoding = StandardCharsets.UTF_8;
    boolean auto = encodingName.equalsIgnoreCase("auto");
    if (!auto) {
      encoding = charset(reader, encodingPath, encodingName, StandardCharsets.UTF_8);
    }
    List<String> fallbackPath = List.of("csv", "fallback_encoding");
    Charset fallback =
        charset(
            reader,
            fallbackPath,
            reader.string(fallbackPath, "windows-1252").strip(),
            Charset.forName("windows-1252"));

    long maxFileMb =
        reader.whole("csv", "max_file_mb", RosterOptions.DEFAULT_MAX_FILE_MB, 1, 1_048_576);
    long maxRows =
        reader.whole("csv", "max_rows", RosterOptions.DEFAULT_MAX_ROWS, 0, Integer.MAX_VALUE);
    return new CsvSettings(
        delimiter,
        roleSeparator,
        encoding,
        columns(reader),
        maxFileMb,
        (int) maxRows,
        auto ? fallback : null);
  }

  private static Charset charset(
      ConfigReader reader, List<String> path, String name, Charset otherwise) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      reader.problem(
          path,
          "unknown charset \""
              + name
              + "\"; use \"auto\" (encoding only) or a Java charset name such as UTF-8,"
              + " windows-1252 or ISO-8859-1");
      return otherwise;
    }
  }

  private static Map<String, List<String>> columns(ConfigReader reader) {
    List<String> tablePath = List.of("csv", "columns");
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Optional<TomlTable> table = reader.table(tablePath);
    if (table.isEmpty()) {
      return columns;
    }
    Map<String, String> columnOfHeader = new HashMap<>();
    for (String canonical : RosterOptions.REQUIRED_COLUMNS) {
      columnOfHeader.put(headerKey(canonical), canonical);
    }
    for (String column : table.get().keySet()) {
      List<String> path = List.of("csv", "columns", column);
      if (!RosterOptions.REQUIRED_COLUMNS.contains(column)) {
        reader.problem(
            path,
            "unknown column"
                + ConfigKeys.closest(column, RosterOptions.REQUIRED_COLUMNS)
                    .map(near -> "; did you mean " + near + "?")
                    .orElse(
                        "; the columns are " + String.join(", ", RosterOptions.REQUIRED_COLUMNS)));
        continue;
      }
      List<String> aliases = new ArrayList<>();
      for (String alias : reader.strings(path, List.of())) {
        String header = alias.strip();
        String taken = columnOfHeader.putIfAbsent(headerKey(header), column);
        if (header.isEmpty()) {
          reader.problem(path, "a header name cannot be empty");
        } else if (taken != null && !taken.equals(column)) {
          reader.problem(path, "header \"" + header + "\" already means column " + taken);
        } else if (!aliases.contains(header)) {
          aliases.add(header);
        }
      }
      columns.put(column, aliases);
    }
    return columns;
  }

  // The roster matches headers ignoring case and spaces; clashes are judged the same way.
  private static String headerKey(String header) {
    return header.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }
}
