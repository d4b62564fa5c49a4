package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;
import static org.titansync.plan.TitanCatalog.sorted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 4 for people gone from the file: a managed user (one with an external_id) that no file
 * person is loses every membership, whoever granted it, and, with on_missing = "deactivate", is set
 * inactive; once the grace period is over ({@link Grace}): until then they keep everything and are
 * listed as missing since the first run that found them missing. Left alone: protected users, users
 * held by a conflict, and anyone the file may still mean (a tainted external_id or email), whose
 * missing count carries over unchanged.
 */
final class AbsentUsers {
  private final PersonChanges personChanges;
  private final Protection protection;
  private final boolean deactivate;
  private final Grace grace;
  private final Set<String> taintedExternalIds;
  private final Set<String> taintedEmails;

  /** People missing who hold something and keep it for now: the reports list them. */
  final List<Missing> withinGrace = new ArrayList<>();

  /** People missing whose grace period is over and who lose something in this run. */
  final List<Missing> graceOver = new ArrayList<>();

  /** Everyone missing after the pass, as the next run counts on; empty without a grace period. */
  final List<Missing> missingAfter = new ArrayList<>();

  /**
   * @param taintedExternalIds people with a bad row in the file
   * @param taintedEmails their emails, in lower case
   */
  AbsentUsers(
      PersonChanges personChanges,
      Protection protection,
      PlanOptions options,
      Set<String> taintedExternalIds,
      Set<String> taintedEmails) {
    this.personChanges = personChanges;
    this.protection = protection;
    this.deactivate = options.deactivateMissing();
    this.grace = options.grace();
    this.taintedExternalIds = taintedExternalIds;
    this.taintedEmails = taintedEmails;
  }

  /**
   * Adds the changes for the managed users absent from the file whose grace period is over.
   *
   * @param intentByExternalId the file's people
   * @param heldByConflict ids of users a conflict or a look-alike address leaves alone
   * @param presentManagedUsers managed users whose external_id a file person has
   * @param memory who was missing before, this run's id and time
   */
  void plan(
      Snapshot snapshot,
      UserIndex users,
      Map<String, PersonIntent> intentByExternalId,
      Set<String> heldByConflict,
      int presentManagedUsers,
      RunMemory memory,
      List<Change> changes) {
    if (presentManagedUsers == users.managedUsers()) {
      return; // every managed user is someone in the file: nobody is absent
    }
    for (TitanUser user : snapshot.users()) {
      String externalId = user.externalId();
      if (externalId == null
          || intentByExternalId.containsKey(externalId)
          || protection.covers(user)) {
        continue;
      }
      Missing before = memory.missing().get(externalId);
      if (heldByConflict.contains(user.id())
          || taintedExternalIds.contains(externalId)
          || (!taintedEmails.isEmpty() && taintedEmails.contains(lower(user.email())))) {
        if (before != null) {
          missingAfter.add(before); // the file may mean them: not judged, not counted
        }
        continue;
      }
      List<Change> removals = new ArrayList<>(user.memberships().size() + 1);
      for (String siteId : sorted(user.memberships().keySet())) {
        personChanges.removeMembership(user, externalId, user.email(), siteId, true, removals);
      }
      if (deactivate && user.active()) {
        Profile current = user.profile();
        removals.add(
            new UpdateUser(
                ChangeKind.DEACTIVATE,
                user.id(),
                externalId,
                user.email(),
                current,
                new Profile(externalId, user.firstName(), user.lastName(), user.email(), false)));
      }
      if (!grace.any()) {
        changes.addAll(removals); // at once, as ever: nobody is counted
        continue;
      }
      Missing now;
      if (before == null) {
        now = new Missing(externalId, user.email(), memory.now(), memory.runId(), 1);
      } else if (before.runs() >= grace.afterRuns()) {
        now = before; // enough runs counted: the count stays, the days still run from since
      } else {
        now =
            new Missing(
                externalId, user.email(), before.since(), before.sinceRun(), before.runs() + 1);
      }
      missingAfter.add(now);
      if (removals.isEmpty()) {
        continue;
      }
      if (grace.over(now.runs(), now.since(), memory.now())) {
        graceOver.add(now);
        changes.addAll(removals);
      } else {
        withinGrace.add(now);
      }
    }
  }
}
