package org.titansync.roster;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small streaming RFC 4180 reader that remembers the physical line each record starts on.
 *
 * <p>We count lines ourselves because a quoted field may hold line breaks, so a record counter
 * cannot tell an administrator where a row is. The file's first line break decides what ends a
 * line: after a CRLF or an LF, only CRLF and LF do, and a lone CR is a character inside a value (a
 * stray CR in the middle of a field must not cut a row in two, where the second half could read as
 * a row of someone else); after a lone CR (an old Mac export), CR, LF and CRLF all do. The input is
 * read through a fixed buffer and the field list is reused, so a large export costs little memory.
 *
 * <p>Lenient where exports commonly are: spaces before an opening quote are dropped, a quote inside
 * an unquoted field is kept as text. Text after a closing quote is kept too but reported through
 * {@link #malformedField()}, since it usually means a quote inside a value was not doubled.
 */
final class CsvRecordReader {
  private static final int EOF = -1;
  private static final char BOM = '\uFEFF';

  private final Reader in;
  private final char delimiter;
  private final char[] buffer = new char[8192];
  private int pos;
  private int limit;
  private boolean started;

  private final List<String> fields = new ArrayList<>();
  private final StringBuilder field = new StringBuilder(64);
  private int line = 1;
  private int recordLine;
  private int malformedField = -1;

  /** Whether a lone CR ends a line; decided by the file's first line break (null until then). */
  private Boolean loneCrEndsLine;

  /** Characters handed out by earlier buffers, and where the current line starts: for columns. */
  private long consumedBefore;

  private long lineStart;

  /** The quoted fields of the current record that hold a line break; usually none. */
  private final List<MultiLineField> multiLineFields = new ArrayList<>(1);

  /**
   * A quoted field that spans lines.
   *
   * @param index its position in the record
   * @param firstLine the line its opening quote is on
   * @param lastLine the line its closing quote is on
   * @param delimitersAfterBreak delimiters in its text after its first line break: a whole row
   *     swallowed by a stray quote brings as many as a row has
   */
  record MultiLineField(int index, int firstLine, int lastLine, int delimitersAfterBreak) {}

  /** Thrown when the input ends inside a quoted field: nothing after it can be trusted. */
  static final class UnterminatedQuoteException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int lastLine;
    private final int fieldIndex;

    UnterminatedQuoteException(int line, int lastLine, int fieldIndex) {
      super("unterminated quoted field starting on line " + line);
      this.line = line;
      this.lastLine = lastLine;
      this.fieldIndex = fieldIndex;
    }

    int line() {
      return line;
    }

    /** The file's last line, where the field was still open. */
    int lastLine() {
      return lastLine;
    }

    int fieldIndex() {
      return fieldIndex;
    }
  }

  CsvRecordReader(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /**
   * Reads the next record into {@link #fields()}.
   *
   * @return false at the end of the input
   */
  boolean next() throws IOException, UnterminatedQuoteException {
    fields.clear();
    malformedField = -1;
    multiLineFields.clear();
    recordLine = line;
    if (pos == limit && !fill()) {
      return false;
    }
    while (true) {
      int end = plainFieldEnd();
      if (end >= 0) {
        // The common field: no quote, and its end is in the buffer. One string, no copying.
        char c = buffer[end];
        fields.add(new String(buffer, pos, end - pos));
        pos = end + 1;
        if (c == delimiter) {
          continue;
        }
        if (c == '\n' || peek() == '\n') {
          if (c == '\r') {
            pos++;
          }
          loneCrEndsLine(false);
        }
        newLine();
        return true;
      }
      if (!slowField()) {
        return true;
      }
    }
  }

  /**
   * Where the field at {@code pos} ends (its delimiter or line break), when it holds no quote and
   * ends inside the buffer; otherwise -1, and {@link #slowField} reads it.
   */
  private int plainFieldEnd() {
    for (int i = pos; i < limit; i++) {
      char c = buffer[i];
      if (c == delimiter || c == '\n') {
        return i;
      }
      if (c == '\r') {
        if (i + 1 == limit) {
          return -1; // whether an LF follows is in the next buffer
        }
        if (buffer[i + 1] == '\n' || loneCrEndsLine(true)) {
          return i;
        }
        continue; // a lone CR inside a value
      }
      if (c == '"') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Whether a lone CR ends a line here; the first line break of the file decides it.
   *
   * @param lone whether the break seen now is a lone CR
   */
  private boolean loneCrEndsLine(boolean lone) {
    if (loneCrEndsLine == null) {
      loneCrEndsLine = lone;
    }
    return loneCrEndsLine;
  }

  private void newLine() {
    line++;
    lineStart = consumedBefore + pos;
  }

  /**
   * Reads one field character by character: quoted fields, and fields that cross the buffer's end.
   *
   * @return true when a delimiter ended it (the record goes on), false at a line break or the end
   */
  private boolean slowField() throws IOException, UnterminatedQuoteException {
    field.setLength(0);
    boolean onlySpaces = true; // the field so far holds nothing but spaces
    boolean afterQuote = false; // the field was quoted and its quote has closed
    while (true) {
      int c = read();
      if (c == EOF) {
        endField();
        return false;
      }
      if (c == delimiter) {
        endField();
        return true;
      }
      if (c == '\n' || (c == '\r' && isLineEndAfterCr())) {
        if (c == '\n') {
          loneCrEndsLine(false);
        }
        newLine();
        endField();
        return false;
      }
      if (c == '"' && onlySpaces && !afterQuote) {
        field.setLength(0);
        readQuoted();
        afterQuote = true;
        onlySpaces = false;
      } else {
        if (afterQuote && c != ' ' && malformedField < 0) {
          malformedField = fields.size();
        }
        if (c != ' ') {
          onlySpaces = false;
        }
        field.append((char) c);
      }
    }
  }

  /** The fields of the current record; reused by the next call to {@link #next()}. */
  List<String> fields() {
    return fields;
  }

  /** The physical line (1-based) the current record starts on. */
  int recordLine() {
    return recordLine;
  }

  /** The line the reader has reached (the next character's line). */
  int line() {
    return line;
  }

  /** The column (1-based, in characters) the reader has reached on its current line. */
  long column() {
    return consumedBefore + pos - lineStart + 1;
  }

  /** The quoted fields of the current record that span lines, in field order. */
  List<MultiLineField> multiLineFields() {
    return multiLineFields;
  }

  /** Index of the first field with text after its closing quote, or -1. */
  int malformedField() {
    return malformedField;
  }

  private void readQuoted() throws IOException, UnterminatedQuoteException {
    int startLine = line;
    int delimitersAfterBreak = 0;
    while (true) {
      int c = read();
      if (c == EOF) {
        boolean endsWithBreak =
            field.length() > 0
                && (field.charAt(field.length() - 1) == '\n'
                    || field.charAt(field.length() - 1) == '\r');
        throw new UnterminatedQuoteException(
            startLine, endsWithBreak ? line - 1 : line, fields.size());
      }
      if (c == '"') {
        if (peek() == '"') {
          pos++;
          field.append('"');
        } else {
          if (line > startLine) {
            multiLineFields.add(
                new MultiLineField(fields.size(), startLine, line, delimitersAfterBreak));
          }
          return;
        }
      } else if (c == '\r') {
        field.append('\r');
        boolean crlf = peek() == '\n';
        if (crlf) {
          pos++;
          field.append('\n');
          loneCrEndsLine(false);
        }
        if (crlf || loneCrEndsLine(true)) {
          newLine();
        }
      } else {
        if (c == '\n') {
          loneCrEndsLine(false);
          newLine();
        } else if (c == delimiter && line > startLine) {
          delimitersAfterBreak++;
        }
        field.append((char) c);
      }
    }
  }

  /** After a CR was read: consumes an LF that follows, and says whether the line ended. */
  private boolean isLineEndAfterCr() throws IOException {
    if (peek() == '\n') {
      pos++;
      loneCrEndsLine(false);
      return true;
    }
    return loneCrEndsLine(true);
  }

  private void endField() {
    fields.add(field.toString());
    field.setLength(0);
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos++];
  }

  /** The next character without consuming it; safe because a refill happens only when empty. */
  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    consumedBefore += limit;
    if (n < 0) {
      limit = 0;
      pos = 0;
      return false;
    }
    pos = 0;
    limit = n;
    if (!started) {
      started = true;
      if (buffer[0] == BOM) {
        pos = 1;
        lineStart = consumedBefore + 1;
        return pos < limit || fill();
      }
    }
    return true;
  }
}
