package org.titansync.guard;

/**
 * The removals at one site, with what the file and Titan say about it.
 *
 * @param site the site's name; {@link Guardrails#DEACTIVATIONS} for accounts set inactive
 * @param removals memberships removed there (accounts deactivated, for the deactivations group)
 * @param managedMembers members titan-sync manages there in Titan now
 * @param fileMembers people the file puts there
 * @param cause what most likely explains them, with the numbers
 */
public record SiteRemovals(
    String site, int removals, int managedMembers, int fileMembers, String cause) {}
