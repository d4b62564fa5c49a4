package org.titansync.roster;

import java.util.List;

/**
 * The roles one person should hold at one site, as named in the file (before mapping to Titan).
 *
 * @param siteName the site as written in the file
 * @param roleNames the role names as written in the file, de-duplicated, in file order
 * @param line the line that named this site for this person (the first, when several did)
 */
public record SiteAssignment(String siteName, List<String> roleNames, int line) {}
