package org.titansync.roster;

import java.util.List;

/**
 * The roles one person should hold at one site, as named in the file (before mapping to Titan).
 *
 * @param siteName the site as written in the file
 * @param roleNames the role names as written in the file, de-duplicated, in file order
 * @param line the line that named this site for this person (the first, when several did)
 * @param source the file that line is in, for a OneRoster or SDS package ({@code
 *     export.zip!roles.csv}); null for the six-column CSV
 */
public record SiteAssignment(String siteName, List<String> roleNames, int line, String source) {

  /** A site named by the six-column CSV itself. */
  public SiteAssignment(String siteName, List<String> roleNames, int line) {
    this(siteName, roleNames, line, null);
  }
}
