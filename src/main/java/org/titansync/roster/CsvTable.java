package org.titansync.roster;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV file of a OneRoster or SDS package, read as a table whose columns are found by name,
 * ignoring case, order, spaces, {@code _} and {@code -}. Tolerant where exporters differ: unknown
 * columns, unnamed columns at the end of the header, rows shorter than the header (their missing
 * cells are empty), a missing last line break. Strict where a mistake would cost someone: a quoted
 * value over several lines (what a stray quote makes), or an unterminated quote, refuses the file.
 */
final class CsvTable implements Closeable {
  private final Reader in;
  private final CsvRecordReader csv;
  private final String position;
  private final String encoding;
  private final Map<String, Integer> columns = new HashMap<>();
  private List<String> headers = List.of();
  private int named;

  /**
   * @param in the file's text, decoded by a {@link StrictDecodingReader}
   * @param position how messages name the file, {@code export.zip!users.csv}
   * @param encoding the name of the character set it is decoded with, for messages
   */
  CsvTable(Reader in, String position, String encoding) {
    this.in = in;
    this.csv = new CsvRecordReader(in, ',');
    this.position = position;
    this.encoding = encoding;
  }

  String position() {
    return position;
  }

  /**
   * Reads the header and checks that the required columns are there.
   *
   * @throws RosterException when the file is empty, a column is named twice or one is missing
   */
  void header(List<String> required) throws IOException, RosterException {
    if (!nextRecord()) {
      throw new RosterException(position, 0, null, "file is empty (not even a header)");
    }
    headers = List.copyOf(csv.fields());
    int lastNamed = -1;
    for (int i = 0; i < headers.size(); i++) {
      String key = ColumnLayout.loose(headers.get(i));
      if (key.isEmpty()) {
        continue;
      }
      lastNamed = i;
      Integer earlier = columns.putIfAbsent(key, i);
      if (earlier != null) {
        throw new RosterException(
            position,
            csv.recordLine(),
            headers.get(i),
            "column "
                + RowChecks.quote(headers.get(i))
                + " is named twice (columns "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + "): which one to read cannot be told");
      }
    }
    named = lastNamed + 1;
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      if (!has(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw new RosterException(
          position,
          csv.recordLine(),
          missing.get(0),
          "missing required column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + "; found headers: "
              + String.join(", ", headers.stream().map(RowChecks::quote).toList()));
    }
  }

  boolean has(String column) {
    return columns.containsKey(ColumnLayout.loose(column));
  }

  /** The position of a column, or -1 when the file has no such column. */
  int column(String name) {
    return columns.getOrDefault(ColumnLayout.loose(name), -1);
  }

  /** The header's names as written. */
  List<String> headers() {
    return headers;
  }

  /**
   * Moves to the next data row; rows that are blank or hold only empty cells are skipped.
   *
   * @return false at the end of the file
   * @throws RosterException when a stray quote swallowed rows, or a quote is never closed
   */
  boolean next() throws IOException, RosterException {
    while (nextRecord()) {
      for (String field : csv.fields()) {
        if (!CellText.trim(field).isEmpty()) {
          checkMultiLineFields();
          return true;
        }
      }
    }
    return false;
  }

  /** The physical line the current row starts on. */
  int line() {
    return csv.recordLine();
  }

  /**
   * A cell of the current row, trimmed and NFC; empty when the column is absent or the row short.
   */
  String get(int column) {
    List<String> fields = csv.fields();
    return column < 0 || column >= fields.size() ? "" : CellText.clean(fields.get(column));
  }

  String get(String name) {
    return get(column(name));
  }

  /**
   * Why the current row cannot be read cleanly, or null: text after a closing quote, or more cells
   * than the header names (a value holding an unquoted comma shifts every cell after it).
   */
  String shapeProblem() {
    List<String> fields = csv.fields();
    if (csv.malformedField() >= 0) {
      int at = csv.malformedField();
      return "text after the closing quote in column "
          + RowChecks.quote(at < headers.size() ? headers.get(at) : "" + (at + 1))
          + "; a quote inside a quoted value must be doubled (\"\")";
    }
    for (int i = Math.max(named, headers.size()); i < fields.size(); i++) {
      if (!CellText.trim(fields.get(i)).isEmpty()) {
        return "expected at most "
            + headers.size()
            + " fields as in the header, found "
            + fields.size()
            + "; a value containing \",\" must be quoted";
      }
    }
    return null;
  }

  /** Every cell of the current row: where to look for the addresses of a row of broken shape. */
  List<String> cells() {
    List<String> out = new ArrayList<>(csv.fields().size());
    for (String field : csv.fields()) {
      out.add(CellText.withoutDamage(field));
    }
    return out;
  }

  private boolean nextRecord() throws IOException, RosterException {
    try {
      return csv.next();
    } catch (CsvRecordReader.UnterminatedQuoteException e) {
      String field = e.fieldIndex() < headers.size() ? headers.get(e.fieldIndex()) : null;
      throw new RosterException(
          position,
          e.line(),
          field,
          "unterminated quoted field starting on line "
              + e.line()
              + (e.lastLine() > e.line()
                  ? " and running to the end of the file (line " + e.lastLine() + ")"
                  : "")
              + "; nothing after it can be trusted");
    } catch (UndecodableBytesException e) {
      throw new RosterException(
          position,
          csv.line(),
          null,
          "cannot decode the bytes "
              + e.hex()
              + " at line "
              + csv.line()
              + ", column "
              + csv.column()
              + " (byte offset "
              + e.offset()
              + ") as "
              + encoding
              + "; OneRoster and SDS files are UTF-8: export them as UTF-8 again, or set [csv]"
              + " encoding to the character set they are in");
    }
  }

  /**
   * Refuses the file when a quoted value spans lines. No value of these files holds a line break
   * (SDS forbids them; no OneRoster id, name or address has one), so it is what a stray quote does:
   * it swallows the rows below it up to the next quote, and a row read from what is left would put
   * someone else's cells under one user and leave the swallowed users out of the export.
   */
  private void checkMultiLineFields() throws RosterException {
    for (CsvRecordReader.MultiLineField spanning : csv.multiLineFields()) {
      int last = Math.max(spanning.lastLine(), csv.line() - 1);
      throw new RosterException(
          position,
          spanning.firstLine(),
          spanning.index() < headers.size() ? headers.get(spanning.index()) : null,
          "a quoted value runs from line "
              + spanning.firstLine()
              + " to line "
              + spanning.lastLine()
              + ", and no value of a OneRoster or SDS file holds a line break: a stray quote (\")"
              + " most likely swallowed lines "
              + spanning.firstLine()
              + " to "
              + last
              + ", so the whole file is refused and nobody on them is removed");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
