package org.titansync.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;

/**
 * max_removals and max_removal_percent: memberships removed plus accounts deactivated, as a count
 * and as a percent of the memberships titan-sync manages, with the earlier runs of the window.
 */
final class RemovalChecks {
  private RemovalChecks() {}

  static void check(Limits limits, HarmFacts facts, List<Reason> reasons) {
    Plan plan = facts.plan();
    Figures f = facts.figures();
    Tally earlier = facts.earlier();
    Measure removals = facts.ofMemberships(facts.tally().removals(), earlier.removals());
    // The percent counts what is taken away once: an account deactivated with its memberships
    // removed loses those memberships, not one more on top (that gave figures over 100%).
    int deactivatedAlone = deactivationsWithoutRemovals(plan);
    Measure removalShare = facts.ofMemberships(f.removals() + deactivatedAlone, earlier.removals());
    String removalWords =
        "The plan makes "
            + f.totalRemovals()
            + " removals ("
            + f.removals()
            + " memberships removed, "
            + f.deactivations()
            + " accounts deactivated)"
            + removals.windowClause();
    String cause = cause(plan, facts.fromFile());
    Ceiling most = Ceiling.count(Check.MAX_REMOVALS, limits.maxRemovals(), removals);
    if (most.passed()) {
      reasons.add(most.reason(removalWords + most.moreThan(), "removals", cause));
    }
    Ceiling share =
        Ceiling.percentOfMemberships(
            Check.MAX_REMOVAL_PERCENT, limits.maxRemovalPercent(), removalShare);
    if (share.passed()) {
      reasons.add(
          share.reason(
              removalWords
                  + share.share()
                  + countedOnce(f.deactivations() - deactivatedAlone)
                  + share.moreThan(),
              "of managed memberships removed",
              cause));
    }
  }

  /** How deactivated accounts that also lose memberships are counted, or nothing when none is. */
  private static String countedOnce(int n) {
    if (n == 0) {
      return "";
    }
    return n == 1
        ? " (the account deactivated is counted by the memberships it loses)"
        : " (the " + n + " accounts deactivated are counted by the memberships they lose)";
  }

  /** Accounts the plan deactivates without removing any of their memberships. */
  private static int deactivationsWithoutRemovals(Plan plan) {
    Set<String> losingMemberships = new HashSet<>();
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
        losingMemberships.add(c.userId());
      }
    }
    int n = 0;
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.DEACTIVATE && !losingMemberships.contains(c.userId())) {
        n++;
      }
    }
    return n;
  }

  private static String cause(Plan plan, boolean fromFile) {
    if (!fromFile) {
      return "undoing a run takes back what it did";
    }
    Departures d = Departures.of(plan);
    if (d.mostlyGone()) {
      return Words.people(d.gone(), "person")
          + " are gone from the file: check that the export is complete";
    }
    return d.leftSite()
        + " memberships go because people are no longer at a site they hold in Titan: check the"
        + " site names and aliases";
  }
}
