package org.titansync.roster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One file of a OneRoster or SDS export given on its own, as if it were the six-column CSV. With
 * [csv.columns] aliases pointed at a OneRoster users.csv it would even pass the header check, and
 * then take students and parents for staff, an org id for a site name, and a multi-org cell for one
 * site called "a,b". It is refused, pointing at the native reader.
 */
final class LonePackageFile {
  /** Columns only these standards' files have, besides their sourcedId. */
  private static final Set<String> MARKS =
      Set.of(
          "orgsourcedids",
          "orgsourcedid",
          "enableduser",
          "givenname",
          "familyname",
          "roletype",
          "datelastmodified",
          "parentsourcedid",
          "activedirectorymatchid",
          "usersourcedid");

  private LonePackageFile() {}

  /**
   * Refuses a header that is a OneRoster or SDS file's.
   *
   * @param line the header's line
   */
  static void check(List<String> header, String fileName, int line) throws RosterException {
    Set<String> names = new HashSet<>();
    for (String h : header) {
      names.add(ColumnLayout.loose(h));
    }
    boolean manifest = names.contains("propertyname") && names.contains("value");
    long marks = names.stream().filter(MARKS::contains).count();
    boolean sourced = names.contains("sourcedid") || names.contains("usersourcedid");
    if (!manifest && !(sourced && marks >= 2)) {
      return;
    }
    String what =
        manifest
            ? "a OneRoster manifest.csv"
            : names.contains("orgsourcedids") || names.contains("enableduser")
                ? "the users.csv of a OneRoster export"
                : names.contains("usersourcedid")
                    ? "the roles.csv of a OneRoster or SDS export"
                    : "a file of a OneRoster or SDS export";
    throw new RosterException(
        fileName,
        line,
        null,
        "this is "
            + what
            + ", not the six-column staff CSV: read on its own it would take students and parents"
            + " for staff and org ids for site names. Give the whole export instead (the zip, or"
            + " the folder holding manifest.csv, users.csv, orgs.csv and, for OneRoster 1.2 and"
            + " SDS, roles.csv): titan-sync reads it natively (docs/input-formats.md)");
  }
}
