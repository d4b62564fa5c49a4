package org.titansync.guard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.plan.SetRoles;

/**
 * max_role_change_percent: existing memberships whose roles change, as a percent of the memberships
 * titan-sync manages, with the earlier runs of the window.
 */
final class RoleChangeCheck {
  private RoleChangeCheck() {}

  static void check(Limits limits, HarmFacts facts, List<Reason> reasons) {
    int changes = facts.tally().roleChanges();
    Measure roles = facts.ofMemberships(changes, facts.earlier().roleChanges());
    Ceiling most =
        Ceiling.percentOfMemberships(
            Check.MAX_ROLE_CHANGE_PERCENT, limits.maxRoleChangePercent(), roles);
    if (most.passed()) {
      reasons.add(
          most.reason(
              "The plan changes the roles of "
                  + Words.people(changes, "membership")
                  + roles.windowClause()
                  + most.share()
                  + most.moreThan(),
              "of managed memberships change roles",
              cause(facts.plan())));
    }
  }

  /** The role set most of the changes lead to. */
  private static String cause(Plan plan) {
    Map<String, Integer> after = new TreeMap<>();
    int n = 0;
    for (Change c : plan.changes()) {
      if (c instanceof SetRoles s && !s.beforeRoleIds().isEmpty()) {
        after.merge(String.join(", ", s.after().roleNames()), 1, Integer::sum);
        n++;
      }
    }
    Map.Entry<String, Integer> top =
        after.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    if (top == null) {
      return "";
    }
    return top.getValue()
        + " of the "
        + n
        + " role changes make the roles \""
        + top.getKey()
        + "\": check the role column and [roles.map]";
  }
}
