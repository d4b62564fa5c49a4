package org.titansync.roster;

import java.util.List;

/**
 * One staff row of a OneRoster or SDS package as the six columns, in the order the package was
 * read: what the people of the roster are built from, and what the run folder's normalized
 * input.csv holds, so that reading that copy again gives the same roster.
 */
public sealed interface ReadRow {

  /** A row read cleanly: one role of one person at one site. */
  record Staff(RosterRow row) implements ReadRow {}

  /**
   * A row not read cleanly: skipped, and whoever it names loses nothing because of this file.
   *
   * @param emails the addresses the row may name; protected with its external_id
   */
  record Refused(RowError error, List<String> emails) implements ReadRow {
    public Refused {
      emails = List.copyOf(emails);
    }
  }
}
