package org.titansync.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Why an inbox entry's name cannot be used as it is, or null when it can. Such an entry is refused
 * without being opened, and moved aside by its own entry under a safe name ({@link InboxFolders}):
 * another layer may read the name as something else (a backslash as a folder separator, a line
 * break as the end of a log line, bytes that are not text as U+FFFD), and the entry it would then
 * reach is not the one the inbox listed.
 *
 * <p>NFC and NFD spellings of the same text are both usable: they are two names, and stay two.
 */
public final class UnusableName {
  private UnusableName() {}

  /** What is wrong with {@code entry}'s name (its last element), or null when nothing is. */
  public static String why(Path entry) {
    Path name = entry.getFileName();
    if (name == null) {
      return "is no name";
    }
    String text = name.toString();
    if (!name.getFileSystem().getPath(text).equals(name)) {
      // The listing's own bytes decode to a string that names another entry (or none).
      return "is not valid in the file system's encoding (" + encoding() + ")";
    }
    if (text.isEmpty() || text.equals(".") || text.equals("..")) {
      return "is not a plain name";
    }
    if (text.indexOf('/') >= 0 || entry.getNameCount() == 0) {
      return "holds a path separator";
    }
    if (text.indexOf('\\') >= 0) {
      return "holds a backslash, which other tools read as a folder separator";
    }
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        return String.format(java.util.Locale.ROOT, "holds a control character (U+%04X)", c);
      }
      if (isBidiControl(c)) {
        return String.format(
            java.util.Locale.ROOT,
            "holds a bidirectional text control (U+%04X), which shows a name as another",
            c);
      }
      i += Character.charCount(c);
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > InboxFolders.MAX_NAME_BYTES) {
      return "is " + bytes + " bytes long, more than " + InboxFolders.MAX_NAME_BYTES;
    }
    return null;
  }

  /** The embeddings, overrides and isolates of Unicode's bidirectional algorithm, and the marks. */
  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C;
  }

  /** The encoding the JVM gives file names ({@code sun.jnu.encoding}). */
  static String encoding() {
    return System.getProperty("sun.jnu.encoding", "the platform's");
  }

  /**
   * A name for {@code entry} that is safe anywhere: every character an unusable name may hold (a
   * backslash, a separator, a control, a bidirectional control, U+FFFD, a leading dot) is replaced
   * by {@code _}. Not unique by itself: callers put the run id in front.
   */
  static String safe(Path entry) {
    Path name = entry.getFileName();
    String text = name == null ? "" : name.toString();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean bad =
          c == '/'
              || c == '\\'
              || c == 0xFFFD
              || Character.isISOControl(c)
              || c == 0x2028
              || c == 0x2029
              || isBidiControl(c)
              || (out.length() == 0 && c == '.');
      if (bad) {
        out.append('_');
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
