package org.titansync.run;

import java.nio.file.Path;

/**
 * A file name as titan-sync shows it in a log line, a reason file, a report or a mail: control
 * characters escaped ({@code \n}, {@code \r}, {@code \t}, {@code \\uXXXX}), so that a name holding
 * a line break cannot forge a log line or a line of a reason file.
 */
public final class ShownName {
  private ShownName() {}

  /** The last element of {@code file}, escaped. */
  public static String of(Path file) {
    Path name = file.getFileName();
    return escape(name == null ? file.toString() : name.toString());
  }

  /** {@code text} with every control character escaped; a backslash stays as it is. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escaped(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        out.append(escaped != null ? escaped : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escaped(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default ->
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
              ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
              : null;
    };
  }
}
