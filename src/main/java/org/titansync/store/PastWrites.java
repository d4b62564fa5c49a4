package org.titansync.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.PastWrite;
import org.titansync.plan.PastWrite.ProfileField;

/**
 * The audit lines of one run, typed for {@link org.titansync.plan.RevertPlanner}: this is where the
 * before/after values the audit log keeps as JSON objects (as the report shows them) are read.
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
    Map<?, ?> before = line.before() == null ? Map.of() : line.before();
    Map<?, ?> after = line.after() == null ? Map.of() : line.after();
    if (ChangeKind.CREATE.id().equals(kind)) {
      Map<String, Set<String>> memberships = new LinkedHashMap<>();
      if (after.get("memberships") instanceof List<?> ms) {
        for (Object o : ms) {
          if (o instanceof Map<?, ?> m && m.get("site_id") != null) {
            memberships.put(String.valueOf(m.get("site_id")), roles(m.get("role_ids")));
          }
        }
      }
      return new PastWrite.Created(memberships);
    }
    if (ChangeKind.SET_ROLES.id().equals(kind)) {
      return new PastWrite.RolesSet(
          siteId(line, kind), roles(before.get("role_ids")), roles(after.get("role_ids")));
    }
    if (ChangeKind.REMOVE_MEMBERSHIP.id().equals(kind)) {
      return new PastWrite.MembershipRemoved(siteId(line, kind), roles(before.get("role_ids")));
    }
    List<PastWrite.FieldChange> fields = new ArrayList<>();
    for (ProfileField field : ProfileField.values()) {
      String name = field.id();
      if (after.containsKey(name) || before.containsKey(name)) {
        fields.add(new PastWrite.FieldChange(field, text(before.get(name)), text(after.get(name))));
      }
    }
    return new PastWrite.ProfileSet(fields);
  }

  /** The site id of a membership change, from its key {@code kind:external_id:site_id}. */
  private static String siteId(AuditEntry.Subject line, String kind) {
    String key = line.key();
    String prefix = kind + ":" + line.externalId() + ":";
    return key.startsWith(prefix)
        ? key.substring(prefix.length())
        : key.substring(key.lastIndexOf(':') + 1);
  }

  private static Set<String> roles(Object list) {
    Set<String> out = new TreeSet<>();
    if (list instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
