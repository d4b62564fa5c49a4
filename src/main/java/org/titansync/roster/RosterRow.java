package org.titansync.roster;

import java.util.List;

/**
 * One data row of the export after column mapping and trimming, before any check against Titan.
 *
 * @param line the physical line the row starts on (the header is line 1)
 */
public record RosterRow(
    int line,
    String externalId,
    String firstName,
    String lastName,
    String email,
    String siteName,
    List<String> roleNames) {}
