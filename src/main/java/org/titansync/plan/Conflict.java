package org.titansync.plan;

/**
 * Something the plan refused to touch, e.g. a Titan user whose email matches a row but holds
 * another external_id.
 *
 * @param externalId the file's person
 * @param titanUserId the Titan user in the way, when there is one
 * @param line the first line of the person in the file
 */
public record Conflict(
    String externalId, String email, String titanUserId, int line, String message) {}
