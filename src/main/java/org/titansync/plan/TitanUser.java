package org.titansync.plan;

import java.util.Map;
import java.util.Set;

/**
 * A user as Titan holds it.
 *
 * @param externalId null for accounts made by hand in the Titan web console
 * @param active false when Titan's status is "inactive"
 * @param memberships site id -> role ids held there
 */
public record TitanUser(
    String id,
    String externalId,
    String firstName,
    String lastName,
    String email,
    boolean active,
    Map<String, Set<String>> memberships) {

  /** The profile fields, for before/after comparison. */
  public Profile profile() {
    return new Profile(externalId, firstName, lastName, email, active);
  }
}
