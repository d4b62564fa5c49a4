package org.titansync.guard;

import static org.titansync.guard.Words.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;

/**
 * max_privileged_changes (privileged roles granted or taken away, with the earlier runs of the
 * window) and hold_on_last_privileged_holder (a privileged role some active account held in Titan
 * has no holder after the plan).
 */
final class PrivilegeChecks {
  private PrivilegeChecks() {}

  static void check(Limits limits, HarmFacts facts, List<Reason> reasons) {
    Plan plan = facts.plan();
    PrivilegedRoles p = limits.privileged();
    int changes = facts.tally().privilegedChanges();
    Measure privileged = facts.count(changes, facts.earlier().privilegedChanges());
    Ceiling most =
        Ceiling.count(Check.MAX_PRIVILEGED_CHANGES, limits.maxPrivilegedChanges(), privileged);
    if (most.passed()) {
      reasons.add(
          most.reason(
              "The plan grants or takes away "
                  + people(changes, "privileged role")
                  + " ("
                  + counts(plan, p)
                  + ")"
                  + holdersClause(facts.holders())
                  + privileged.windowClause()
                  + most.moreThan()
                  + " Privileged: "
                  + p.describe()
                  + ".",
              "privileged roles granted or taken away",
              cause(plan, facts.holders(), p)));
    }
    List<RoleHolders> emptied = new ArrayList<>();
    for (RoleHolders h : facts.holders()) {
      if (h.before() > 0 && h.after() == 0) {
        emptied.add(h);
      }
    }
    if (limits.holdOnLastPrivilegedHolder() && !emptied.isEmpty()) {
      reasons.add(lastHolder(emptied));
    }
  }

  private static Reason lastHolder(List<RoleHolders> emptied) {
    List<String> words = new ArrayList<>();
    emptied.forEach(h -> words.add(h.toString()));
    boolean one = emptied.size() == 1;
    return new Reason(
        Check.LAST_PRIVILEGED_HOLDER,
        "After the plan nobody holds "
            + (one ? "the privileged role " : "the privileged roles ")
            + String.join(", ", words)
            + " (hold_on_last_privileged_holder = true).",
        people(emptied.size(), "privileged role") + " left with no holder",
        "every privileged role held before keeps a holder",
        "nobody would be left who holds "
            + Words.quoted(emptied.stream().map(RoleHolders::role).toList())
            + " in Titan: check that the export still lists "
            + (one ? "its holders with that role" : "their holders with those roles")
            + " before approving");
  }

  /** Grants and removals per privileged role, e.g. {@code +55 District Admin, -4 Principal}. */
  private static String counts(Plan plan, PrivilegedRoles p) {
    List<String> parts = new ArrayList<>();
    byRole(plan, p)
        .forEach(
            (role, n) -> {
              if (n[0] > 0) {
                parts.add("+" + n[0] + " " + role);
              }
              if (n[1] > 0) {
                parts.add("-" + n[1] + " " + role);
              }
            });
    return String.join(", ", parts);
  }

  /** Privileged role -> {grants, removals}. */
  private static Map<String, int[]> byRole(Plan plan, PrivilegedRoles p) {
    Map<String, int[]> by = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu) {
        for (Membership m : cu.memberships()) {
          p.among(m.roleNames()).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[0]++);
        }
      } else if (c instanceof SetRoles s) {
        Tally.granted(s, p).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[0]++);
        Tally.taken(s, p).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[1]++);
      } else if (c instanceof RemoveMembership r) {
        p.among(r.before().roleNames()).forEach(n -> by.computeIfAbsent(n, k -> new int[2])[1]++);
      }
    }
    return by;
  }

  /** "; holders: Principal: 12 -> 0, Superintendent: 1 -> 0", or nothing. */
  private static String holdersClause(List<RoleHolders> holders) {
    List<String> changed = new ArrayList<>();
    for (RoleHolders h : holders) {
      if (h.before() != h.after()) {
        changed.add(h.toString());
      }
    }
    return changed.isEmpty() ? "" : "; holders: " + String.join(", ", changed);
  }

  /**
   * The plan's own cause, with what the holder counts make plain: a role nobody holds any more
   * leads a demotion ("every Principal demoted (Principal: 12 -> 0); ..."); after a mass grant, it
   * and a role whose holders at least double follow ("...; District Admin holders 2 -> 57").
   */
  private static String cause(Plan plan, List<RoleHolders> holders, PrivilegedRoles p) {
    List<String> emptied = new ArrayList<>();
    List<String> multiplied = new ArrayList<>();
    for (RoleHolders h : holders) {
      if (h.before() > 0 && h.after() == 0) {
        emptied.add("every " + h.role() + " demoted (" + h + ")");
      } else if (h.after() > h.before() && h.after() >= 2 * Math.max(1, h.before())) {
        multiplied.add(h.role() + " holders " + h.before() + " -> " + h.after());
      }
    }
    Map<String, int[]> by = byRole(plan, p);
    String cause = causeFromPlan(plan, by, p);
    // Leaders demoted by a mass grant are its consequence: the grant stays the cause named first.
    List<String> after = new ArrayList<>();
    if (!emptied.isEmpty() && grantsLead(by)) {
      after.addAll(emptied);
    } else if (!emptied.isEmpty()) {
      cause = String.join(", ", emptied) + "; " + cause;
    }
    after.addAll(multiplied);
    return after.isEmpty() ? cause : cause + "; " + String.join(", ", after);
  }

  /** True when the plan grants at least as many privileged roles as it takes away. */
  private static boolean grantsLead(Map<String, int[]> by) {
    int grants = 0;
    int taken = 0;
    for (int[] n : by.values()) {
      grants += n[0];
      taken += n[1];
    }
    return grants >= taken;
  }

  private static String causeFromPlan(Plan plan, Map<String, int[]> by, PrivilegedRoles p) {
    String topGrant = null;
    int taken = 0;
    for (Map.Entry<String, int[]> en : by.entrySet()) {
      if (topGrant == null || en.getValue()[0] > by.get(topGrant)[0]) {
        topGrant = en.getKey();
      }
      taken += en.getValue()[1];
    }
    if (topGrant != null && grantsLead(by) && by.get(topGrant)[0] > 0) {
      int n = by.get(topGrant)[0];
      int persons = plan.stats().persons();
      if (persons > 0 && n >= persons) {
        return "every person in the file now gets the role \""
            + topGrant
            + "\": the role column most likely holds one value for every row";
      }
      return people(n, "membership")
          + " get the role \""
          + topGrant
          + "\": check the role column and [roles.map] before approving";
    }
    Map<String, Integer> newRoles = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof SetRoles s && !Tally.taken(s, p).isEmpty()) {
        newRoles.merge(String.join(", ", s.after().roleNames()), 1, Integer::sum);
      }
    }
    String now =
        newRoles.isEmpty()
            ? ""
            : " (now "
                + newRoles.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(2)
                    .map(en -> "\"" + en.getKey() + "\" for " + en.getValue())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")
                + ")";
    return people(taken, "privileged role")
        + " taken away"
        + now
        + ": a demotion of school leaders comes from a broken role column far more often than"
        + " from the district";
  }
}
