package org.titansync.plan;

/**
 * A PATCH of profile fields: only the fields where {@code before} and {@code after} differ are
 * sent. Used for LINK, UPDATE, RELEASE_EMAIL and DEACTIVATE.
 */
public record UpdateUser(
    ChangeKind kind, String userId, String externalId, String email, Profile before, Profile after)
    implements Change {

  public UpdateUser {
    if (kind != ChangeKind.LINK
        && kind != ChangeKind.UPDATE
        && kind != ChangeKind.RELEASE_EMAIL
        && kind != ChangeKind.DEACTIVATE) {
      throw new IllegalArgumentException("not a profile change: " + kind);
    }
  }

  @Override
  public int phase() {
    return kind == ChangeKind.RELEASE_EMAIL ? 0 : 1;
  }
}
