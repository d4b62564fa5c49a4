package org.titansync.guard;

import static org.titansync.guard.Words.people;

import java.util.List;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Plan;

/**
 * max_creations and max_creation_percent: new accounts, as a count and as a percent of the accounts
 * titan-sync manages, with the earlier runs of the window.
 */
final class CreationChecks {
  private CreationChecks() {}

  static void check(Limits limits, HarmFacts facts, List<Reason> reasons) {
    int created = facts.tally().creations();
    Measure creations = facts.ofAccounts(created, facts.earlier().creations());
    String plan = "The plan creates " + people(created, "account") + creations.windowClause();
    String cause = cause(facts.plan(), created, limits.privileged());
    Ceiling most = Ceiling.count(Check.MAX_CREATIONS, limits.maxCreations(), creations);
    if (most.passed()) {
      reasons.add(most.reason(plan + most.moreThan(), "new accounts", cause));
    }
    Ceiling share =
        Ceiling.percentOfAccounts(
            Check.MAX_CREATION_PERCENT, limits.maxCreationPercent(), creations);
    if (share.passed()) {
      reasons.add(
          share.reason(
              plan + share.share() + share.moreThan(), "of managed accounts are new", cause));
    }
  }

  private static String cause(Plan plan, int created, PrivilegedRoles p) {
    int privileged = 0;
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu
          && cu.memberships().stream().anyMatch(m -> !p.among(m.roleNames()).isEmpty())) {
        privileged++;
      }
    }
    return people(created, "person")
        + " in the file are unknown to Titan"
        + (privileged > 0 ? " (" + privileged + " of them with a privileged role)" : "")
        + ": check that this is the right export and that the external_ids kept their format";
  }
}
