package org.titansync.roster;

import java.util.List;
import java.util.function.Function;

/**
 * Maps each data record of one export to a {@link RosterRow} for the {@link PersonMerger}, or
 * rejects it as a {@link RowError} while protecting whoever it may have meant; refuses the whole
 * file when a record shows that a stray quote swallowed the rows below it.
 */
final class RowMapper {
  private final char delimiter;
  private final ColumnLayout layout;
  private final PersonMerger merger;
  private final String fileName;
  private final ValuePool pool = new ValuePool();
  private final Function<String, List<String>> roleSplitter;

  RowMapper(
      char delimiter,
      RoleSplitter roles,
      ColumnLayout layout,
      PersonMerger merger,
      String fileName) {
    this.delimiter = delimiter;
    this.roleSplitter = roles::split;
    this.layout = layout;
    this.merger = merger;
    this.fileName = fileName;
  }

  /** The record {@code csv} stands on: added to the merger, or rejected. */
  void map(CsvRecordReader csv) throws RosterException {
    if (!csv.multiLineFields().isEmpty()) {
      checkMultiLineFields(csv);
    }
    List<String> fields = csv.fields();
    int line = csv.recordLine();
    if (fields.size() != layout.width()) {
      rejectMisshapen(csv);
      return;
    }
    String rawRoles = CellText.clean(fields.get(layout.position(ColumnLayout.ROLE_NAMES)));
    RosterRow row =
        new RosterRow(
            line,
            CellText.clean(fields.get(layout.position(ColumnLayout.EXTERNAL_ID))),
            CellText.clean(fields.get(layout.position(ColumnLayout.FIRST_NAME))),
            CellText.clean(fields.get(layout.position(ColumnLayout.LAST_NAME))),
            CellText.clean(fields.get(layout.position(ColumnLayout.EMAIL))),
            pool.site(CellText.clean(fields.get(layout.position(ColumnLayout.SITE_NAME)))),
            pool.roles(rawRoles, roleSplitter));
    if (csv.malformedField() >= 0) {
      String field = layout.fieldName(csv.malformedField());
      merger.reject(
          new RowError(
              line,
              field,
              RowChecks.externalIdOrNull(row),
              "text after the closing quote in column "
                  + RowChecks.quote(layout.headers().get(csv.malformedField()))
                  + "; a quote inside a quoted value must be doubled (\"\")"),
          SuspectValues.ids(fields, layout, delimiter),
          SuspectValues.emails(fields, layout, delimiter));
      return;
    }
    var problem = RowChecks.firstProblem(row, rawRoles);
    if (problem.isPresent()) {
      // A stray NUL, CR or quote may sit inside the id or email: protect the value without it too.
      merger.reject(
          problem.get(),
          List.of(row.externalId(), CellText.withoutDamage(row.externalId())),
          List.of(row.email(), CellText.withoutDamage(row.email())));
      return;
    }
    merger.add(row);
  }

  /**
   * Refuses the whole file when a quoted field that spans lines then breaks: the record has the
   * wrong number of fields, text follows the closing quote, or the field holds as many delimiters
   * as a whole row. That is what a stray quote looks like after it swallowed the rows below it;
   * skipping one bad row there would plan everyone on the swallowed lines as a leaver. A genuine
   * multi-line value (an address, a site name over two lines) passes all three.
   */
  private void checkMultiLineFields(CsvRecordReader csv) throws RosterException {
    for (CsvRecordReader.MultiLineField spanning : csv.multiLineFields()) {
      String why = null;
      if (csv.fields().size() != layout.width()) {
        why =
            "the row it is in then has "
                + csv.fields().size()
                + " fields where the header has "
                + layout.width();
      } else if (csv.malformedField() >= 0) {
        why = "text follows a closing quote in that row";
      } else if (spanning.delimitersAfterBreak() >= layout.width() - 1) {
        why =
            "its text holds whole rows ("
                + spanning.delimitersAfterBreak()
                + " "
                + delimiterName(delimiter)
                + " after its first line break)";
      }
      if (why != null) {
        int last = Math.max(spanning.lastLine(), csv.line() - 1);
        throw new RosterException(
            fileName,
            spanning.firstLine(),
            layout.fieldName(spanning.index()),
            "a quoted field runs from line "
                + spanning.firstLine()
                + " to line "
                + spanning.lastLine()
                + " and "
                + why
                + "; a stray quote (\") most likely swallowed lines "
                + spanning.firstLine()
                + " to "
                + last
                + ", so the whole file is refused and nobody on them is removed");
      }
    }
  }

  /**
   * A row with the wrong number of fields cannot be mapped safely; still, taint whatever ids and
   * emails it may hold, so that the person it meant is protected from removal.
   */
  private void rejectMisshapen(CsvRecordReader csv) {
    List<String> fields = csv.fields();
    int idPosition = layout.position(ColumnLayout.EXTERNAL_ID);
    String externalId = idPosition < fields.size() ? CellText.clean(fields.get(idPosition)) : "";
    String message =
        "expected " + layout.width() + " fields as in the header, found " + fields.size();
    if (fields.size() > layout.width()) {
      message += "; a value containing " + delimiterName(delimiter) + " must be quoted";
    }
    merger.reject(
        new RowError(csv.recordLine(), null, externalId.isEmpty() ? null : externalId, message),
        SuspectValues.ids(fields, layout, delimiter),
        SuspectValues.emails(fields, layout, delimiter));
  }

  private static String delimiterName(char d) {
    return d == '\t' ? "a tab" : "\"" + d + "\"";
  }
}
