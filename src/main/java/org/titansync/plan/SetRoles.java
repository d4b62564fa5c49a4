package org.titansync.plan;

import java.util.List;

/**
 * PUT the exact role set at one site.
 *
 * @param beforeRoleIds sorted; empty when the person is not yet a member there
 * @param after the roles wanted, never empty
 */
public record SetRoles(
    String userId,
    String externalId,
    String email,
    String siteId,
    String siteName,
    List<String> beforeRoleIds,
    List<String> beforeRoleNames,
    Membership after)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.SET_ROLES;
  }

  @Override
  public int phase() {
    return 1;
  }
}
