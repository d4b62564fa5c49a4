package org.titansync.plan;

import java.util.Objects;

/** The fields of a user that a PATCH can change. */
public record Profile(
    String externalId, String firstName, String lastName, String email, boolean active) {

  // Written out: the generated equals goes through method handles, slow on a cold JVM, and the
  // planner compares one profile per person.
  @Override
  public boolean equals(Object o) {
    return o instanceof Profile p
        && active == p.active
        && Objects.equals(email, p.email)
        && Objects.equals(externalId, p.externalId)
        && Objects.equals(firstName, p.firstName)
        && Objects.equals(lastName, p.lastName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(externalId, firstName, lastName, email, active);
  }
}
