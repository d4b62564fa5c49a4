package org.titansync.roster;

import java.util.List;

/**
 * One person as the export wants them: all good rows with one external_id merged.
 *
 * @param externalId the SIS key, never blank
 * @param email as written in the file (trimmed); compared case-insensitively elsewhere
 * @param sites one entry per distinct site (compared case-insensitively), in file order
 * @param lines every line that contributed to this person
 */
public record Person(
    String externalId,
    String firstName,
    String lastName,
    String email,
    List<SiteAssignment> sites,
    List<Integer> lines) {}
