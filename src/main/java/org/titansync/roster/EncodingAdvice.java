package org.titansync.roster;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The message for bytes that are not valid in the configured encoding. It advises another encoding
 * only when the whole file reads cleanly in it and does not then look mis-decoded: a UTF-8 export
 * with one stray windows-1252 byte must not be read as windows-1252, which would turn every other
 * accented name into mojibake.
 */
final class EncodingAdvice {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private EncodingAdvice() {}

  /**
   * The refusal for {@code e}, found at {@code line} and {@code column}; reads the export again.
   */
  static RosterException undecodable(
      ExportSource source, Charset configured, UndecodableBytesException e, int line, long column)
      throws RosterException, IOException {
    Charset other =
        configured.equals(StandardCharsets.UTF_8) ? WINDOWS_1252 : StandardCharsets.UTF_8;
    String found =
        "cannot decode the bytes "
            + e.hex()
            + " at line "
            + line
            + ", column "
            + column
            + " (byte offset "
            + e.offset()
            + ") as "
            + configured.name();
    String advice;
    Alternative alternative = readAs(source, other);
    if (alternative.bad != null) {
      advice =
          "the file does not read cleanly as "
              + other.name()
              + " either, so changing [csv] encoding would not help: correct this character in"
              + " the SIS, or export the file again as "
              + configured.name();
    } else if (alternative.mojibake != null) {
      advice =
          "reading the file as "
              + other.name()
              + " would turn other names into mis-decoded text such as "
              + RowChecks.quote(alternative.mojibake)
              + ", so keep [csv] encoding: correct this character in the SIS, or export the"
              + " file again as "
              + configured.name();
    } else {
      advice =
          "the whole file reads cleanly as "
              + other.name()
              + ": set [csv] encoding = \""
              + other.name()
              + "\"";
    }
    return new RosterException(source.name(), line, null, found + "; " + advice);
  }

  /** How the whole file reads in another charset: its first bad bytes, or first mojibake. */
  private record Alternative(UndecodableBytesException bad, String mojibake) {}

  private static Alternative readAs(ExportSource source, Charset charset)
      throws RosterException, IOException {
    char[] buffer = new char[8192];
    StringBuilder window = new StringBuilder(buffer.length + 1);
    try (Reader in = new StrictDecodingReader(Channels.newInputStream(source.open()), charset)) {
      int n;
      while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
        // Keep the last character of the previous chunk: a sign may straddle two chunks.
        window.delete(0, Math.max(0, window.length() - 1)).append(buffer, 0, n);
        String sign = Mojibake.find(window);
        if (sign != null) {
          return new Alternative(null, sign);
        }
      }
    } catch (UndecodableBytesException e) {
      return new Alternative(e, null);
    }
    return new Alternative(null, null);
  }
}
