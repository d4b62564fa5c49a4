package org.titansync.roster;

import java.util.List;
import java.util.Set;

/**
 * What a file says, after parsing and the checks that need no Titan data.
 *
 * @param persons the people built from good rows, in order of first appearance
 * @param errors rows that were skipped, with their line numbers
 * @param headers the header names exactly as the file wrote them, in order
 * @param dataRows the number of data rows read (good and bad)
 * @param taintedExternalIds external_ids seen on a bad row: such a person is never removed from
 *     anything because of this file
 * @param taintedEmails emails (lower case) seen on a bad row, for the same protection when the
 *     external_id itself was missing
 * @param encoding the character set the file was decoded with; empty when not read from bytes
 */
public record Roster(
    List<Person> persons,
    List<RowError> errors,
    List<String> headers,
    int dataRows,
    Set<String> taintedExternalIds,
    Set<String> taintedEmails,
    String encoding) {

  /** A roster read from text, not bytes: no character set to tell. */
  public Roster(
      List<Person> persons,
      List<RowError> errors,
      List<String> headers,
      int dataRows,
      Set<String> taintedExternalIds,
      Set<String> taintedEmails) {
    this(persons, errors, headers, dataRows, taintedExternalIds, taintedEmails, "");
  }

  /** The same roster, read with this character set. */
  public Roster decodedAs(String charset) {
    return new Roster(
        persons, errors, headers, dataRows, taintedExternalIds, taintedEmails, charset);
  }
}
