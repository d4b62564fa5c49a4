package org.titansync.plan;

/** The fields of a user that a PATCH can change. */
public record Profile(
    String externalId, String firstName, String lastName, String email, boolean active) {}
