package org.titansync.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a file was read: what the header check compares besides the columns. A changed delimiter,
 * encoding, quote or role separator reads the same bytes into other values, so it is a change of
 * meaning even when every header still maps to the same field; so is another kind of export (the
 * six-column CSV, OneRoster, SDS), another OneRoster version, or a field of a package mapped from
 * another column.
 *
 * @param delimiter the field separator, e.g. {@code ","}
 * @param quote the quote character, e.g. {@code "\""}
 * @param encoding the character set's canonical name, e.g. {@code UTF-8}
 * @param roleSeparator what separates several roles in role_names, e.g. {@code ";"}; null for a
 *     package, whose roles come one per row
 * @param kind {@code csv}, {@code oneroster} or {@code sds}; null in a record an older titan-sync
 *     wrote, which read the CSV only
 * @param version a package's version ({@code 1.2}); null for the CSV
 * @param mapping a package's fields, one line each, {@code "email: users.csv email, else
 *     username"}; empty for the CSV
 */
public record FileFormat(
    String delimiter,
    String quote,
    String encoding,
    String roleSeparator,
    String kind,
    String version,
    List<String> mapping) {

  public FileFormat {
    mapping = mapping == null ? List.of() : List.copyOf(mapping);
  }

  /** The six-column CSV read so. */
  public FileFormat(String delimiter, String quote, String encoding, String roleSeparator) {
    this(delimiter, quote, encoding, roleSeparator, "csv", null, List.of());
  }

  /**
   * The same format with the encoding unknown, so that it compares equal to any: a file whose names
   * all decode cleanly is not held for its encoding alone.
   */
  public FileFormat withoutEncoding() {
    return new FileFormat(delimiter, quote, null, roleSeparator, kind, version, mapping);
  }

  /** The differences in words, e.g. {@code delimiter was ",", now ";"}; empty when the same. */
  public List<String> differences(FileFormat now) {
    List<String> out = new ArrayList<>();
    String kindBefore = kindOrCsv();
    String kindNow = now.kindOrCsv();
    if (kindBefore != null && kindNow != null && !kindBefore.equals(kindNow)) {
      out.add("the export was " + shownKind(kindBefore) + ", now " + shownKind(kindNow));
      return out;
    }
    compare("delimiter", delimiter, now.delimiter, false, out);
    compare("quote", quote, now.quote, false, out);
    compare("encoding", encoding, now.encoding, true, out);
    compare("role separator", roleSeparator, now.roleSeparator, false, out);
    compare(shownKind(kindNow) + " version", version, now.version, false, out);
    Map<String, String> before = byField(mapping);
    Map<String, String> after = byField(now.mapping);
    for (Map.Entry<String, String> field : after.entrySet()) {
      String was = before.get(field.getKey());
      if (was != null && !was.equals(field.getValue())) {
        out.add(
            field.getKey()
                + " was read from "
                + was.substring(field.getKey().length() + 2)
                + ", now from "
                + field.getValue().substring(field.getKey().length() + 2));
      }
    }
    return out;
  }

  /**
   * The kind, a record of an older titan-sync's counting as the CSV when it recorded a format at
   * all (it read nothing else); null when unknown.
   */
  private String kindOrCsv() {
    if (kind != null) {
      return kind;
    }
    return delimiter != null ? "csv" : null;
  }

  private static String shownKind(String kind) {
    return switch (kind) {
      case "csv" -> "the six-column CSV";
      case "oneroster" -> "OneRoster";
      case "sds" -> "SDS";
      default -> kind;
    };
  }

  /** Mapping lines by their field, the part before the first ": ". */
  private static Map<String, String> byField(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        out.put(line.substring(0, colon), line);
      }
    }
    return out;
  }

  /** A part recorded by an older titan-sync (null) is unknown and compares equal to anything. */
  private static void compare(
      String what, String before, String after, boolean ignoreCase, List<String> out) {
    if (before == null || after == null) {
      return;
    }
    boolean same =
        ignoreCase
            ? before.toUpperCase(Locale.ROOT).equals(after.toUpperCase(Locale.ROOT))
            : Objects.equals(before, after);
    if (!same) {
      out.add(what + " was " + shown(before) + ", now " + shown(after));
    }
  }

  /** A separator as a reader sees it: {@code ","}, {@code tab}. */
  private static String shown(String value) {
    return switch (value) {
      case "\t" -> "tab";
      case " " -> "space";
      default -> "\"" + value + "\"";
    };
  }
}
