package org.titansync.roster;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The run folder's input.csv for a OneRoster or SDS package: its staff rows as the six columns, one
 * role per row, in the order read, with where each came from ({@code from}) and, for a row not read
 * cleanly, why ({@code problem}). {@code approve} and {@code explain} read it back ({@link #read})
 * into the same roster the run planned from, row errors and protected people included; a person can
 * read it in a spreadsheet.
 *
 * <p>It is titan-sync's own file, written UTF-8 with commas: one that does not read back exactly (a
 * changed header, a row of another width) is refused, never guessed at.
 */
public final class NormalizedCopy {
  /** The header, exactly. */
  public static final List<String> HEADER =
      List.of(
          "external_id",
          "first_name",
          "last_name",
          "email",
          "site_name",
          "role_names",
          "from",
          "problem");

  private NormalizedCopy() {}

  /** Writes a package's rows (the roster's {@link Roster#rows()}). */
  public static void write(List<ReadRow> rows, Appendable out) throws IOException {
    line(out, HEADER);
    List<String> cells = new ArrayList<>(HEADER.size());
    for (ReadRow r : rows) {
      cells.clear();
      if (r instanceof ReadRow.Staff s) {
        RosterRow row = s.row();
        cells.addAll(
            List.of(
                row.externalId(),
                row.firstName(),
                row.lastName(),
                row.email(),
                row.siteName(),
                String.join(";", row.roleNames()),
                row.position(),
                ""));
      } else if (r instanceof ReadRow.Refused f) {
        RowError e = f.error();
        cells.addAll(
            List.of(
                e.externalId() == null ? "" : e.externalId(),
                "",
                "",
                String.join(" ", f.emails()),
                "",
                "",
                e.position(),
                (e.field() == null ? "" : "[" + e.field() + "] ") + e.message()));
      }
      line(out, cells);
    }
  }

  /**
   * Reads a copy back into the roster it was written from.
   *
   * @param name how messages name the copy
   * @param format how the package was read, as its run recorded it
   * @param notes the notes of that read
   * @throws RosterException when the copy is not one titan-sync wrote, or was damaged since
   */
  public static Roster read(Reader in, String name, ExportFormat format, List<String> notes)
      throws IOException, RosterException {
    CsvRecordReader csv = new CsvRecordReader(in, ',');
    List<ReadRow> rows = new ArrayList<>();
    try {
      if (!csv.next() || !csv.fields().equals(HEADER)) {
        throw damaged(name, 1, "its header is not titan-sync's");
      }
      while (csv.next()) {
        List<String> f = csv.fields();
        if (f.size() != HEADER.size() || csv.malformedField() >= 0) {
          throw damaged(
              name, csv.recordLine(), "the row does not have its " + HEADER.size() + " fields");
        }
        int colon = f.get(6).lastIndexOf(':');
        int line;
        try {
          line = Integer.parseInt(f.get(6).substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
          throw damaged(
              name,
              csv.recordLine(),
              "its from " + RowChecks.quote(f.get(6)) + " is not a file and a line");
        }
        String source = f.get(6).substring(0, colon);
        String problem = f.get(7);
        if (problem.isEmpty()) {
          RosterRow row =
              new RosterRow(
                  line,
                  f.get(0),
                  f.get(1),
                  f.get(2),
                  f.get(3),
                  f.get(4),
                  f.get(5).isEmpty() ? List.of() : List.of(f.get(5)),
                  source);
          var again = RowChecks.firstProblem(row, f.get(5));
          rows.add(
              again.isPresent()
                  ? new ReadRow.Refused(again.get(), List.of(f.get(3)))
                  : new ReadRow.Staff(row));
        } else {
          String field = null;
          String message = problem;
          if (problem.startsWith("[") && problem.indexOf("] ") > 0) {
            field = problem.substring(1, problem.indexOf("] "));
            message = problem.substring(problem.indexOf("] ") + 2);
          }
          List<String> emails = new ArrayList<>();
          String cell = f.get(3);
          int start = 0;
          for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || cell.charAt(i) == ' ') {
              if (i > start) {
                emails.add(cell.substring(start, i));
              }
              start = i + 1;
            }
          }
          rows.add(
              new ReadRow.Refused(
                  new RowError(line, field, f.get(0).isEmpty() ? null : f.get(0), message, source),
                  emails));
        }
      }
    } catch (CsvRecordReader.UnterminatedQuoteException e) {
      throw damaged(name, e.line(), "a quoted field is never closed");
    }
    return StaffRows.toRoster(rows, format, notes);
  }

  private static RosterException damaged(String name, int line, String why) {
    return new RosterException(
        name,
        line,
        null,
        why
            + ": this copy of a OneRoster or SDS export is not as titan-sync wrote it, so it is"
            + " not read");
  }

  private static void line(Appendable out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String cell = cells.get(i);
      boolean quote =
          cell.indexOf(',') >= 0
              || cell.indexOf('"') >= 0
              || cell.indexOf('\n') >= 0
              || cell.indexOf('\r') >= 0
              || (!cell.isEmpty() && (cell.charAt(0) == ' ' || cell.endsWith(" ")));
      if (quote) {
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        out.append(cell);
      }
    }
    out.append('\n');
  }
}
