package org.titansync.roster;

import java.util.List;
import java.util.Set;

/**
 * What a file says, after parsing and the checks that need no Titan data.
 *
 * @param persons the people built from good rows, in order of first appearance
 * @param errors rows that were skipped, with their line numbers
 * @param headers the header names exactly as the file wrote them, in order; for a OneRoster or SDS
 *     package, the six columns it was mapped to
 * @param dataRows the number of data rows read (good and bad); for a package, its staff rows (a row
 *     of a student or a guardian is not counted)
 * @param taintedExternalIds external_ids seen on a bad row: such a person is never removed from
 *     anything because of this file
 * @param taintedEmails emails (lower case) seen on a bad row, for the same protection when the
 *     external_id itself was missing
 * @param format how the export was read: the six-column CSV, or a OneRoster or SDS package
 * @param notes what the operator should know about a package that is not a row error (a department
 *     without its parent school)
 * @param rows a package's staff rows as six columns, in the order read: the run folder's normalized
 *     input.csv; empty for the six-column CSV, whose copy is its own bytes
 * @param noUpdates the export says nothing changed (a OneRoster manifest without files): the run
 *     makes no change at all, where an empty roster would remove everyone
 * @param encoding the character set the file was decoded with; empty when not read from bytes
 */
public record Roster(
    List<Person> persons,
    List<RowError> errors,
    List<String> headers,
    int dataRows,
    Set<String> taintedExternalIds,
    Set<String> taintedEmails,
    ExportFormat format,
    List<String> notes,
    List<ReadRow> rows,
    boolean noUpdates,
    String encoding) {

  public Roster {
    notes = List.copyOf(notes);
    encoding = encoding == null ? "" : encoding;
  }

  /** A roster whose character set is not told (a package, or text already decoded). */
  public Roster(
      List<Person> persons,
      List<RowError> errors,
      List<String> headers,
      int dataRows,
      Set<String> taintedExternalIds,
      Set<String> taintedEmails,
      ExportFormat format,
      List<String> notes,
      List<ReadRow> rows,
      boolean noUpdates) {
    this(
        persons,
        errors,
        headers,
        dataRows,
        taintedExternalIds,
        taintedEmails,
        format,
        notes,
        rows,
        noUpdates,
        "");
  }

  /** A roster read from the six-column CSV. */
  public Roster(
      List<Person> persons,
      List<RowError> errors,
      List<String> headers,
      int dataRows,
      Set<String> taintedExternalIds,
      Set<String> taintedEmails) {
    this(
        persons,
        errors,
        headers,
        dataRows,
        taintedExternalIds,
        taintedEmails,
        ExportFormat.csv(),
        List.of(),
        List.of(),
        false);
  }

  /** A package that says nothing changed, with why. */
  static Roster noUpdates(ExportFormat format, String why) {
    return new Roster(
        List.of(),
        List.of(),
        RosterOptions.REQUIRED_COLUMNS,
        0,
        Set.of(),
        Set.of(),
        format,
        List.of(why),
        List.of(),
        true);
  }

  /** The same roster, read with this character set. */
  public Roster decodedAs(String charset) {
    return new Roster(
        persons,
        errors,
        headers,
        dataRows,
        taintedExternalIds,
        taintedEmails,
        format,
        notes,
        rows,
        noUpdates,
        charset);
  }
}
