package org.titansync.plan;

import static org.titansync.plan.Fixtures.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.PastWrite.Answer;
import org.titansync.plan.PastWrite.FieldChange;
import org.titansync.plan.PastWrite.ProfileField;

/** Typed audit lines of past runs, and the undo of them, for the revert planner's tests. */
final class PastRuns {
  static final String RUN = "20261129-170000-abcd";

  private PastRuns() {}

  static RevertPlanner.Result revert(List<PastWrite> lines, Snapshot now) {
    return RevertPlanner.plan(RUN, lines, now, nobodyProtected(now), false);
  }

  static Protection nobodyProtected(Snapshot now) {
    return new Protection(options(), now.roles());
  }

  static PastWrite done(String key, String externalId, String userId, PastWrite.Effect e) {
    return new PastWrite(key, Answer.DONE, externalId, userId, e);
  }

  static PastWrite answered(PastWrite intent, Answer answer) {
    return new PastWrite(
        intent.key(), answer, intent.externalId(), intent.userId(), intent.effect());
  }

  static PastWrite.ProfileSet profile(FieldChange... fields) {
    return new PastWrite.ProfileSet(List.of(fields));
  }

  static FieldChange field(ProfileField field, String before, String after) {
    return new FieldChange(field, before, after);
  }

  /** The audit lines a run that made every change of the plan leaves (ids as InMemoryTitan's). */
  static List<PastWrite> done(Plan plan) {
    List<PastWrite> lines = new ArrayList<>();
    for (Change change : plan.changes()) {
      String userId = change.userId() != null ? change.userId() : "new-" + change.externalId();
      lines.add(done(change.key(), change.externalId(), userId, effect(change)));
    }
    return lines;
  }

  static PastWrite.Effect effect(Change change) {
    if (change instanceof CreateUser c) {
      Map<String, Set<String>> memberships = new TreeMap<>();
      c.memberships().forEach(m -> memberships.put(m.siteId(), Set.copyOf(m.roleIds())));
      return new PastWrite.Created(memberships);
    }
    if (change instanceof SetRoles s) {
      return new PastWrite.RolesSet(
          s.siteId(), Set.copyOf(s.beforeRoleIds()), Set.copyOf(s.after().roleIds()));
    }
    if (change instanceof RemoveMembership r) {
      return new PastWrite.MembershipRemoved(r.siteId(), Set.copyOf(r.before().roleIds()));
    }
    UpdateUser u = (UpdateUser) change;
    List<FieldChange> fields = new ArrayList<>();
    differ(fields, ProfileField.EXTERNAL_ID, u.before().externalId(), u.after().externalId());
    differ(fields, ProfileField.FIRST_NAME, u.before().firstName(), u.after().firstName());
    differ(fields, ProfileField.LAST_NAME, u.before().lastName(), u.after().lastName());
    differ(fields, ProfileField.EMAIL, u.before().email(), u.after().email());
    differ(fields, ProfileField.STATUS, status(u.before()), status(u.after()));
    return new PastWrite.ProfileSet(fields);
  }

  static void differ(List<FieldChange> fields, ProfileField field, String before, String after) {
    if (!Objects.equals(before, after)) {
      fields.add(new FieldChange(field, before, after));
    }
  }

  static String status(Profile p) {
    return p.active() ? "active" : "inactive";
  }
}
