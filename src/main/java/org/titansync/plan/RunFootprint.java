package org.titansync.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a past run did to each user, read from its audit lines: per profile field and per site, the
 * value before the run's first write and the value after its last. Writes Titan made count; so do
 * writes with an intent and no outcome at all (a run killed between sending a write and logging its
 * answer), since the undo compares Titan first. Writes that failed count not.
 */
final class RunFootprint {

  /** What the run did to one user. */
  static final class UserTrace {
    final String userId;
    String externalId;

    /** field -> [value before the run's first write, value after its last]. */
    final Map<PastWrite.ProfileField, String[]> fields = new LinkedHashMap<>();

    /** site id -> [roles before (null: not a member), roles after (null: not a member)]. */
    final Map<String, List<Set<String>>> sites = new TreeMap<>();

    UserTrace(String userId) {
      this.userId = userId;
    }

    private void field(PastWrite.ProfileField name, String before, String after) {
      String[] span = fields.get(name);
      if (span == null) {
        fields.put(name, new String[] {before, after});
      } else {
        span[1] = after;
      }
    }

    private void site(String siteId, Set<String> before, Set<String> after) {
      List<Set<String>> span = sites.get(siteId);
      if (span == null) {
        List<Set<String>> fresh = new ArrayList<>(2);
        fresh.add(before);
        fresh.add(after);
        sites.put(siteId, fresh);
      } else {
        span.set(1, after);
      }
    }
  }

  private final List<UserTrace> traces;

  private RunFootprint(List<UserTrace> traces) {
    this.traces = traces;
  }

  /** The users the run wrote to, by external_id (then Titan id). */
  List<UserTrace> traces() {
    return traces;
  }

  /**
   * Reads what one run did.
   *
   * @param runId the run, for the notes
   * @param lines that run's audit lines, oldest first
   * @param now Titan as it is now, to find the users the run created
   * @param deleteCreated take the people the run created back too
   * @param notes where sentences for the report go
   */
  static RunFootprint of(
      String runId,
      List<PastWrite> lines,
      Snapshot now,
      boolean deleteCreated,
      List<String> notes) {
    Set<String> answered = new HashSet<>();
    for (PastWrite line : lines) {
      if (line.answer() != PastWrite.Answer.SENT) {
        answered.add(line.key());
      }
    }
    Map<String, TitanUser> userByExternalId = new HashMap<>();
    for (TitanUser u : now.users()) {
      if (u.externalId() != null) {
        userByExternalId.putIfAbsent(u.externalId(), u);
      }
    }
    Map<String, UserTrace> byUser = new LinkedHashMap<>();
    Set<String> unanswered = new TreeSet<>();
    int counted = 0;
    int keptCreated = 0;
    for (PastWrite line : lines) {
      if (line.answer() == PastWrite.Answer.NOT_DONE) {
        continue;
      }
      if (line.answer() == PastWrite.Answer.SENT) {
        // Only an intent with no outcome counts, once: the run stopped before the answer.
        if (answered.contains(line.key()) || !unanswered.add(line.key())) {
          continue;
        }
      }
      String userId = line.userId();
      if (userId == null && line.effect() instanceof PastWrite.Created) {
        TitanUser made = userByExternalId.get(line.externalId());
        userId = made == null ? null : made.id();
      }
      if (userId == null) {
        continue;
      }
      counted++;
      UserTrace t = byUser.computeIfAbsent(userId, UserTrace::new);
      t.externalId = line.externalId();
      if (line.effect() instanceof PastWrite.Created created) {
        if (!deleteCreated) {
          keptCreated++;
          continue;
        }
        created.memberships().forEach((siteId, roleIds) -> t.site(siteId, null, roleIds));
        t.field(PastWrite.ProfileField.STATUS, "inactive", "active");
      } else if (line.effect() instanceof PastWrite.RolesSet set) {
        t.site(set.siteId(), set.before().isEmpty() ? null : set.before(), set.after());
      } else if (line.effect() instanceof PastWrite.MembershipRemoved removed) {
        t.site(removed.siteId(), removed.before(), null);
      } else if (line.effect() instanceof PastWrite.ProfileSet profile) {
        for (PastWrite.FieldChange change : profile.fields()) {
          t.field(change.field(), change.before(), change.after());
        }
      }
    }
    note(runId, unanswered.size(), counted, keptCreated, notes);

    List<UserTrace> ordered = new ArrayList<>(byUser.values());
    ordered.sort(
        Comparator.comparing((UserTrace t) -> String.valueOf(t.externalId))
            .thenComparing(t -> t.userId));
    return new RunFootprint(List.copyOf(ordered));
  }

  private static void note(
      String runId, int unanswered, int counted, int keptCreated, List<String> notes) {
    if (unanswered > 0) {
      notes.add(
          unanswered
              + (unanswered == 1 ? " write" : " writes")
              + " of run "
              + runId
              + (unanswered == 1 ? " has" : " have")
              + " an intent and no outcome in the audit log (the run was stopped): Titan is"
              + " compared to see whether "
              + (unanswered == 1 ? "it" : "they")
              + " took effect.");
    }
    if (counted == 0) {
      notes.add(
          "Run " + runId + " wrote nothing that the audit log records as done: nothing to undo.");
    } else {
      notes.add(
          "Undoes run "
              + runId
              + " from "
              + counted
              + " audit lines (outcome \"done\", or an intent with no outcome).");
    }
    if (keptCreated > 0) {
      notes.add(
          keptCreated
              + (keptCreated == 1 ? " person" : " people")
              + " that run created "
              + (keptCreated == 1 ? "is" : "are")
              + " kept; revert with --delete-created takes their memberships away and sets them"
              + " inactive (Titan's API cannot delete a user).");
    }
  }
}
