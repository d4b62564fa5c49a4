package org.titansync.run;

import java.nio.file.Path;

/**
 * A file name as titan-sync shows it in a log line, a reason file, a report or a mail: control
 * characters escaped ({@code \n}, {@code \r}, {@code \t}, {@code \\uXXXX}), so that a name holding
 * a line break cannot forge a log line or a line of a reason file, and one holding an escape
 * sequence or a bidi override cannot drive the terminal that shows it or reorder what it shows.
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

  /**
   * How a character that must not reach a terminal as it is shows, or null for any other: C0 and C1
   * controls (ESC, BEL, CSI U+009B among them) and DEL, the line and paragraph separators, and the
   * bidi controls (embeddings, overrides, isolates and marks) that reorder the text around them.
   */
  public static String escaped(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default ->
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isBidiControl(c)
              ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
              : null;
    };
  }

  /** LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM, ALM. */
  private static boolean isBidiControl(char c) {
    return (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
