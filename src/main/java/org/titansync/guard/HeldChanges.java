package org.titansync.guard;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Plan;
import org.titansync.plan.SetRoles;

/**
 * Which changes of a held plan wait for approval: all of them, or with hold_scope = "removals" the
 * removals and the changes a tripped check counts.
 */
final class HeldChanges {
  private HeldChanges() {}

  /** The keys of every change of the plan, in plan order. */
  static Set<String> all(Plan plan) {
    Set<String> held = new LinkedHashSet<>();
    plan.changes().forEach(c -> held.add(c.key()));
    return held;
  }

  /** The keys of the changes that wait, in plan order; empty when nothing tripped. */
  static Set<String> of(Plan plan, Limits limits, List<Reason> reasons) {
    return of(plan, limits, reasons, PrivilegedAccounts.none());
  }

  /**
   * The keys of the changes that wait, in plan order; empty when nothing tripped.
   *
   * @param accounts the changes the account checks judged, which wait when their check tripped
   */
  static Set<String> of(
      Plan plan, Limits limits, List<Reason> reasons, PrivilegedAccounts accounts) {
    if (reasons.isEmpty()) {
      return Set.of();
    }
    if (!limits.holdRemovalsOnly()) {
      return all(plan);
    }
    Set<Check> tripped = EnumSet.noneOf(Check.class);
    reasons.forEach(r -> tripped.add(r.check()));
    Set<String> accountKeys = new HashSet<>();
    if (tripped.contains(Check.PRIVILEGED_EMAIL_CHANGE)) {
      accountKeys.addAll(accounts.emailChangeKeys());
    }
    if (tripped.contains(Check.LOOK_ALIKE_PRIVILEGED_NAME)) {
      accountKeys.addAll(accounts.lookAlikeKeys());
    }
    Set<String> held = new LinkedHashSet<>();
    for (Change c : plan.changes()) {
      if (accountKeys.contains(c.key()) || inRemovalsScope(c, tripped, limits.privileged())) {
        held.add(c.key());
      }
    }
    return held;
  }

  /**
   * With hold_scope = "removals": removals always wait; the other kinds of change wait only when a
   * check that counts them tripped.
   */
  private static boolean inRemovalsScope(Change c, Set<Check> tripped, PrivilegedRoles p) {
    if (Guardrails.isRemoval(c)) {
      return true;
    }
    // The parking of a swapped email waits with the updates: sent alone, it would leave the
    // person on the parked address.
    if ((Guardrails.isUpdate(c) || c.kind() == ChangeKind.RELEASE_EMAIL)
        && (tripped.contains(Check.MAX_UPDATE_PERCENT)
            || tripped.contains(Check.MAX_DOMAIN_MOVE_PERCENT))) {
      return true;
    }
    if (c instanceof CreateUser
        && (tripped.contains(Check.MAX_CREATIONS)
            || tripped.contains(Check.MAX_CREATION_PERCENT))) {
      return true;
    }
    if (c instanceof SetRoles s
        && tripped.contains(Check.MAX_ROLE_CHANGE_PERCENT)
        && !s.beforeRoleIds().isEmpty()) {
      return true;
    }
    if ((tripped.contains(Check.LAST_PRIVILEGED_HOLDER) || tripped.contains(Check.SITE_LAST_HOLDER))
        && c instanceof SetRoles s
        && !Tally.taken(s, p).isEmpty()) {
      return true; // a demotion that may leave a role with nobody waits with the removals
    }
    if (tripped.contains(Check.MAX_PRIVILEGED_CHANGES)) {
      if (c instanceof SetRoles s) {
        return !Tally.granted(s, p).isEmpty() || !Tally.taken(s, p).isEmpty();
      }
      if (c instanceof CreateUser cu) {
        return cu.memberships().stream().anyMatch(m -> !p.among(m.roleNames()).isEmpty());
      }
    }
    return false;
  }
}
