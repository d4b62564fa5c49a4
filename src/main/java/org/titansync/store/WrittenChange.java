package org.titansync.store;

import java.util.List;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * A write of a past run as the plan's change it was, read back from its audit line (the before and
 * after it keeps, with the role names as they were), so that the guardrails count it with the same
 * rules as a plan's ({@link org.titansync.guard.Tally}). Profile fields an update did not change
 * are not in its line: they stay unknown (null) on both sides.
 */
final class WrittenChange {
  private WrittenChange() {}

  /**
   * The change an audit line is about.
   *
   * @throws IllegalArgumentException when its kind is not one titan-sync writes
   */
  static Change of(AuditEntry.Subject line) {
    ChangeValues before = ChangeValues.orNone(line.before());
    ChangeValues after = ChangeValues.orNone(line.after());
    ChangeKind kind = kind(line.change());
    return switch (kind) {
      case CREATE ->
          new CreateUser(
              line.externalId(),
              after.firstName(),
              after.lastName(),
              after.email(),
              after.membershipList(),
              List.of());
      case SET_ROLES -> {
        Membership was = before.membership(line.siteId());
        yield new SetRoles(
            line.userId(),
            line.externalId(),
            line.email(),
            line.siteId(),
            after.site(),
            was.roleIds(),
            was.roleNames(),
            after.membership(line.siteId()));
      }
      case REMOVE_MEMBERSHIP ->
          new RemoveMembership(
              line.userId(),
              line.externalId(),
              line.email(),
              line.siteId(),
              before.site(),
              before.membership(line.siteId()),
              false);
      default ->
          new UpdateUser(
              kind,
              line.userId(),
              line.externalId(),
              line.email(),
              before.profile(),
              after.profile());
    };
  }

  private static ChangeKind kind(String id) {
    for (ChangeKind k : ChangeKind.values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("change \"" + id + "\" is not a kind titan-sync writes");
  }
}
