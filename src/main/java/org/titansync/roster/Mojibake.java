package org.titansync.roster;

/**
 * Finds text that was UTF-8 read as windows-1252 or ISO-8859-1 somewhere before it reached us:
 * {@code José} that arrives as {@code JosÃ©}, {@code Müller} as {@code MÃ¼ller}, an apostrophe as
 * {@code â€™}. A name like that would be written to Titan as it stands, so it is a bad row instead.
 *
 * <p>The signs are a lead character of a two-byte UTF-8 sequence for Latin letters ({@code Â Ã Ä
 * Å}, the bytes 0xC2 to 0xC5) followed by a character that a continuation byte (0x80 to 0xBF)
 * becomes in those charsets, and {@code â€}, the start of UTF-8 punctuation such as {@code ’}. No
 * real name pairs these: after them come only symbols and control characters.
 */
final class Mojibake {
  /** What windows-1252 makes of the bytes 0x80 to 0x9F (ISO-8859-1 makes U+0080 to U+009F). */
  private static final String WINDOWS_1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

  private Mojibake() {}

  /** The first two-character sign of mojibake in the text, or null when there is none. */
  static String find(CharSequence text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      char lead = text.charAt(i);
      char next = text.charAt(i + 1);
      if (lead >= '\u00C2' && lead <= '\u00C5' && isContinuation(next)) {
        return "" + lead + next;
      }
      if (lead == '\u00E2' && next == '€') {
        return "â€";
      }
    }
    return null;
  }

  /**
   * What a continuation byte becomes, except 0xA0: read as a no-break space, it may follow a
   * Portuguese {@code Ã} in a real name ({@code IRMÃ SILVA}), so {@code à} read wrongly goes
   * unseen.
   */
  private static boolean isContinuation(char c) {
    return (c >= '\u0080' && c <= '\u00BF' && c != '\u00A0') || WINDOWS_1252_HIGH.indexOf(c) >= 0;
  }
}
