package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;
import static org.titansync.plan.TitanCatalog.sorted;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 4 for people gone from the file: a managed user (one with an external_id) that no file
 * person is loses every membership and, with on_missing = "deactivate", is set inactive. Left
 * alone: protected users, users held by a conflict, and anyone the file may still mean (a tainted
 * external_id or email).
 */
final class AbsentUsers {
  private final PersonChanges personChanges;
  private final Protection protection;
  private final boolean deactivate;
  private final Set<String> taintedExternalIds;
  private final Set<String> taintedEmails;

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
    this.taintedExternalIds = taintedExternalIds;
    this.taintedEmails = taintedEmails;
  }

  /**
   * Adds the changes for the managed users absent from the file.
   *
   * @param intentByExternalId the file's people
   * @param heldByConflict ids of users a conflict or a look-alike address leaves alone
   * @param presentManagedUsers managed users whose external_id a file person has
   */
  void plan(
      Snapshot snapshot,
      UserIndex users,
      Map<String, PersonIntent> intentByExternalId,
      Set<String> heldByConflict,
      int presentManagedUsers,
      List<Change> changes) {
    if (presentManagedUsers == users.managedUsers()) {
      return; // every managed user is someone in the file: nobody is absent
    }
    for (TitanUser user : snapshot.users()) {
      String externalId = user.externalId();
      if (externalId == null
          || intentByExternalId.containsKey(externalId)
          || protection.covers(user)
          || heldByConflict.contains(user.id())
          || taintedExternalIds.contains(externalId)
          || (!taintedEmails.isEmpty() && taintedEmails.contains(lower(user.email())))) {
        continue;
      }
      for (String siteId : sorted(user.memberships().keySet())) {
        personChanges.removeMembership(user, externalId, user.email(), siteId, true, changes);
      }
      if (deactivate && user.active()) {
        Profile current = user.profile();
        changes.add(
            new UpdateUser(
                ChangeKind.DEACTIVATE,
                user.id(),
                externalId,
                user.email(),
                current,
                new Profile(externalId, user.firstName(), user.lastName(), user.email(), false)));
      }
    }
  }
}
