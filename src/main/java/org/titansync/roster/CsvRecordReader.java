package org.titansync.roster;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small streaming RFC 4180 reader that remembers the physical line each record starts on.
 *
 * <p>We count lines ourselves (CRLF, LF and a lone CR each end one line) because a quoted field may
 * hold line breaks, so a record counter cannot tell an administrator where a row is. The input is
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

  /** Thrown when the input ends inside a quoted field: nothing after it can be trusted. */
  static final class UnterminatedQuoteException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int fieldIndex;

    UnterminatedQuoteException(int line, int fieldIndex) {
      super("unterminated quoted field starting on line " + line);
      this.line = line;
      this.fieldIndex = fieldIndex;
    }

    int line() {
      return line;
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
        if (c == '\r' && peek() == '\n') {
          pos++;
        }
        line++;
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
      if (c == delimiter || c == '\n' || c == '\r') {
        return i;
      }
      if (c == '"') {
        return -1;
      }
    }
    return -1;
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
      if (c == '\r' || c == '\n') {
        if (c == '\r' && peek() == '\n') {
          pos++;
        }
        line++;
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

  /** Index of the first field with text after its closing quote, or -1. */
  int malformedField() {
    return malformedField;
  }

  private void readQuoted() throws IOException, UnterminatedQuoteException {
    int startLine = line;
    while (true) {
      int c = read();
      if (c == EOF) {
        throw new UnterminatedQuoteException(startLine, fields.size());
      }
      if (c == '"') {
        if (peek() == '"') {
          pos++;
          field.append('"');
        } else {
          return;
        }
      } else if (c == '\r') {
        field.append('\r');
        if (peek() == '\n') {
          pos++;
          field.append('\n');
        }
        line++;
      } else {
        if (c == '\n') {
          line++;
        }
        field.append((char) c);
      }
    }
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
        return pos < limit || fill();
      }
    }
    return true;
  }
}
