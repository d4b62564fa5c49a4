package org.titansync.logging;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.titansync.run.ShownName;

/**
 * The one place where the command line's text meets a terminal: every command, and picocli's own
 * usage and error messages, print through it to stdout and stderr. A file name, a CSV value, a name
 * from Titan or an argument may hold an escape sequence (ESC ] 0 ; ... BEL sets the window title,
 * ESC [ 2 J clears the screen, U+009B starts one too) or a bidi override that reorders the line;
 * here each such character is written as {@code \\u001b} and the like ({@link ShownName#escaped}),
 * so the terminal shows it instead of obeying it.
 *
 * <p>A line break (LF, or CR LF) and a tab pass: the commands lay out their own lines with them. A
 * value that could carry a line break of its own (a file name) is escaped where it is printed. The
 * escaped form is a JSON string escape too, so JSON printed through here stays valid and means the
 * same.
 */
public final class TerminalWriter extends FilterWriter {
  private TerminalWriter(Writer out) {
    super(out);
  }

  /** A print writer to {@code out} that neutralises what would drive a terminal; flushes lines. */
  public static PrintWriter around(Writer out) {
    return new PrintWriter(new TerminalWriter(out), true);
  }

  @Override
  public void write(int c) throws IOException {
    String shown = shown((char) c, '\0');
    if (shown == null) {
      out.write(c);
    } else {
      out.write(shown);
    }
  }

  @Override
  public void write(char[] text, int off, int len) throws IOException {
    int clean = off;
    for (int i = off; i < off + len; i++) {
      String shown = shown(text[i], i + 1 < off + len ? text[i + 1] : '\0');
      if (shown != null) {
        out.write(text, clean, i - clean);
        out.write(shown);
        clean = i + 1;
      }
    }
    out.write(text, clean, off + len - clean);
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    int clean = off;
    for (int i = off; i < off + len; i++) {
      String shown = shown(text.charAt(i), i + 1 < off + len ? text.charAt(i + 1) : '\0');
      if (shown != null) {
        out.write(text, clean, i - clean);
        out.write(shown);
        clean = i + 1;
      }
    }
    out.write(text, clean, off + len - clean);
  }

  /**
   * The escaped form of a character a terminal would obey, or null to write it as it is. A CR
   * passes only before an LF, as {@code println} ends a line on Windows.
   */
  private static String shown(char c, char next) {
    return c == '\n' || c == '\t' || (c == '\r' && next == '\n') ? null : ShownName.escaped(c);
  }
}
