package org.titansync.plan;

/**
 * DELETE a membership.
 *
 * @param before the roles held there, kept so that a revert can put them back
 * @param personGone true when the person is absent from the file, false when only this site left
 */
public record RemoveMembership(
    String userId,
    String externalId,
    String email,
    String siteId,
    String siteName,
    Membership before,
    boolean personGone)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.REMOVE_MEMBERSHIP;
  }

  @Override
  public int phase() {
    return 1;
  }
}
