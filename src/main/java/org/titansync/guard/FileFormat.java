package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a file was read: what the header check compares besides the columns. A changed delimiter,
 * encoding, quote or role separator reads the same bytes into other values, so it is a change of
 * meaning even when every header still maps to the same field.
 *
 * @param delimiter the field separator, e.g. {@code ","}
 * @param quote the quote character, e.g. {@code "\""}
 * @param encoding the character set's canonical name, e.g. {@code UTF-8}
 * @param roleSeparator what separates several roles in role_names, e.g. {@code ";"}
 */
public record FileFormat(String delimiter, String quote, String encoding, String roleSeparator) {

  /**
   * The same format with the encoding unknown, so that it compares equal to any: a file whose names
   * all decode cleanly is not held for its encoding alone.
   */
  public FileFormat withoutEncoding() {
    return new FileFormat(delimiter, quote, null, roleSeparator);
  }

  /** The differences in words, e.g. {@code delimiter was ",", now ";"}; empty when the same. */
  public List<String> differences(FileFormat now) {
    List<String> out = new ArrayList<>();
    compare("delimiter", delimiter, now.delimiter, false, out);
    compare("quote", quote, now.quote, false, out);
    compare("encoding", encoding, now.encoding, true, out);
    compare("role separator", roleSeparator, now.roleSeparator, false, out);
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
