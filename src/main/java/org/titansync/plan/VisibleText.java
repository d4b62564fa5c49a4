package org.titansync.plan;

import java.util.Locale;

/**
 * Text as a message shows it when it may look like other text: every character beyond printable
 * ASCII is written out with its code point and name, so that an address with a Cyrillic {@code о}
 * never reads the same as the Latin one it imitates.
 */
public final class VisibleText {
  private VisibleText() {}

  /**
   * {@code t<U+043E CYRILLIC SMALL LETTER O>m.riley@example.org} for {@code tоm.riley@example.org};
   * printable ASCII text as it is.
   */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
              } else {
                out.append('<').append(name(cp)).append('>');
              }
            });
    return out.toString();
  }

  /** {@code U+043E CYRILLIC SMALL LETTER O}; the code point alone when it has no name. */
  public static String name(int codePoint) {
    String code = String.format(Locale.ROOT, "U+%04X", codePoint);
    String name = Character.getName(codePoint);
    return name == null ? code : code + " " + name;
  }
}
