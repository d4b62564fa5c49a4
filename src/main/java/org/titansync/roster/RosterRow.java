package org.titansync.roster;

import java.util.List;

/**
 * One data row of the export after column mapping and trimming, before any check against Titan.
 *
 * @param line the physical line the row starts on (the header is line 1)
 * @param source the file the line is in when it is not the export itself: a file of a OneRoster or
 *     SDS package, such as {@code export.zip!roles.csv}; null for the six-column CSV
 */
public record RosterRow(
    int line,
    String externalId,
    String firstName,
    String lastName,
    String email,
    String siteName,
    List<String> roleNames,
    String source) {

  /** A row of the six-column CSV itself. */
  public RosterRow(
      int line,
      String externalId,
      String firstName,
      String lastName,
      String email,
      String siteName,
      List<String> roleNames) {
    this(line, externalId, firstName, lastName, email, siteName, roleNames, null);
  }

  /** Where the row is, as messages name it: {@code line 7} or {@code export.zip!roles.csv:7}. */
  public String position() {
    return Positions.of(source, line);
  }
}
