package org.titansync.plan;

import java.util.List;

/** A new Titan user with its first memberships. */
public record CreateUser(
    String externalId,
    String firstName,
    String lastName,
    String email,
    List<Membership> memberships,
    List<Integer> lines)
    implements Change {

  @Override
  public ChangeKind kind() {
    return ChangeKind.CREATE;
  }

  @Override
  public String userId() {
    return null;
  }

  @Override
  public int phase() {
    return 1;
  }
}
