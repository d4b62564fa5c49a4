package org.titansync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Membership;
import org.titansync.plan.PastWrite;
import org.titansync.plan.PastWrite.ProfileField;

/**
 * The audit lines of one run, typed for {@link org.titansync.plan.RevertPlanner}: each line's
 * before and after values, and the site of a membership change, as its effect.
 */
public final class PastWrites {

  private PastWrites() {}

  /**
   * One run's writes.
   *
   * @param runId the run
   * @param audit every entry of the audit log, oldest first (other runs' entries are skipped)
   * @return that run's lines, oldest first
   */
  public static List<PastWrite> of(String runId, List<AuditEntry> audit) {
    List<PastWrite> lines = new ArrayList<>();
    for (AuditEntry entry : audit) {
      if (runId.equals(entry.runId())) {
        lines.add(of(entry));
      }
    }
    return lines;
  }

  private static PastWrite of(AuditEntry entry) {
    AuditEntry.Subject line = entry.subject();
    PastWrite.Answer answer =
        entry instanceof AuditEntry.Outcome o
            ? (o.done() ? PastWrite.Answer.DONE : PastWrite.Answer.NOT_DONE)
            : PastWrite.Answer.SENT;
    return new PastWrite(line.key(), answer, line.externalId(), line.userId(), effect(line));
  }

  private static PastWrite.Effect effect(AuditEntry.Subject line) {
    String kind = line.change();
    ChangeValues before = ChangeValues.orNone(line.before());
    ChangeValues after = ChangeValues.orNone(line.after());
    if (ChangeKind.CREATE.id().equals(kind)) {
      Map<String, Set<String>> memberships = new TreeMap<>();
      for (Membership m : after.membershipList()) {
        if (m.siteId() != null) {
          memberships.put(m.siteId(), Set.copyOf(m.roleIds()));
        }
      }
      return new PastWrite.Created(memberships);
    }
    if (ChangeKind.SET_ROLES.id().equals(kind)) {
      return new PastWrite.RolesSet(line.siteId(), before.roleIdSet(), after.roleIdSet());
    }
    if (ChangeKind.REMOVE_MEMBERSHIP.id().equals(kind)) {
      return new PastWrite.MembershipRemoved(line.siteId(), before.roleIdSet());
    }
    List<PastWrite.FieldChange> fields = new ArrayList<>();
    for (ProfileField field : ProfileField.values()) {
      String was = before.field(field);
      String is = after.field(field);
      if (was != null || is != null) {
        fields.add(new PastWrite.FieldChange(field, was, is));
      }
    }
    return new PastWrite.ProfileSet(fields);
  }
}
