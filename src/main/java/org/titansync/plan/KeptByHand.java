package org.titansync.plan;

import java.util.List;

/**
 * A membership, or roles at a site, that a person in the file holds and titan-sync leaves alone
 * under {@code membership_scope = "owned"}: added by hand, and not named by any file since.
 *
 * @param roleNames the roles kept (all of them when the whole membership is kept)
 * @param wholeMembership the file does not name the site: the membership is kept as it is; false
 *     when roles are kept beside the file's at a site it names, or beside the owned roles taken
 */
public record KeptByHand(
    String externalId,
    String email,
    String siteId,
    String siteName,
    List<String> roleNames,
    boolean wholeMembership) {

  public KeptByHand {
    roleNames = List.copyOf(roleNames);
  }

  /**
   * "Maria Gonzalez (E1001, maria@x.org): Coach at North High (a membership made by hand, kept
   * whole)".
   *
   * @param name the person's name ("First Last"), or empty when unknown
   */
  public String words(String name) {
    return PeopleNames.shown(name, externalId, email)
        + ": "
        + String.join(", ", roleNames)
        + " at "
        + siteName
        + (wholeMembership
            ? " (a membership made by hand, kept whole)"
            : " (made by hand, kept beside the roles titan-sync sets)");
  }
}
