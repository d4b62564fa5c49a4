package org.titansync.guard;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * What a run changes, counted the way the guardrails count it, so that runs can be added up over
 * the window ({@code guardrails.window_hours}).
 *
 * @param removals memberships removed plus accounts deactivated
 * @param updates people whose name, email, external_id or status changes
 * @param domainMoves people whose email moves to another domain
 * @param privilegedChanges privileged roles granted plus privileged roles taken away, one per
 *     person, site and role (a new account with one counts as a grant)
 * @param roleChanges existing memberships whose role set changes
 * @param creations new accounts
 */
public record Tally(
    int removals,
    int updates,
    int domainMoves,
    int privilegedChanges,
    int roleChanges,
    int creations) {

  public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);

  /** The changes of a plan that {@code counted} accepts (all planned, or those done). */
  public static Tally of(Plan plan, PrivilegedRoles privileged, Predicate<Change> counted) {
    int removals = 0;
    int domainMoves = 0;
    int privilegedChanges = 0;
    int roleChanges = 0;
    int creations = 0;
    Set<String> updated = new HashSet<>();
    Map<String, String> released = releasedEmails(plan);
    for (Change c : plan.changes()) {
      if (!counted.test(c)) {
        continue;
      }
      if (Guardrails.isRemoval(c)) {
        removals++;
      }
      if (c instanceof UpdateUser u && u.kind() == ChangeKind.UPDATE) {
        updated.add(c.externalId() + "\u0000" + c.userId());
        if (movesDomain(u, released)) {
          domainMoves++;
        }
      }
      if (c instanceof CreateUser cu) {
        creations++;
        for (Membership m : cu.memberships()) {
          privilegedChanges += privileged.among(m.roleNames()).size();
        }
      } else if (c instanceof SetRoles s) {
        if (!s.beforeRoleIds().isEmpty()) {
          roleChanges++;
        }
        privilegedChanges += granted(s, privileged).size() + taken(s, privileged).size();
      } else if (c instanceof RemoveMembership r) {
        privilegedChanges += privileged.among(r.before().roleNames()).size();
      }
    }
    return new Tally(
        removals, updated.size(), domainMoves, privilegedChanges, roleChanges, creations);
  }

  /** This tally and another added up. */
  public Tally plus(Tally o) {
    return new Tally(
        removals + o.removals,
        updates + o.updates,
        domainMoves + o.domainMoves,
        privilegedChanges + o.privilegedChanges,
        roleChanges + o.roleChanges,
        creations + o.creations);
  }

  /** Privileged roles a role change grants. */
  static List<String> granted(SetRoles s, PrivilegedRoles privileged) {
    return privileged.among(
        s.after().roleNames().stream().filter(r -> !s.beforeRoleNames().contains(r)).toList());
  }

  /** Privileged roles a role change takes away. */
  static List<String> taken(SetRoles s, PrivilegedRoles privileged) {
    return privileged.among(
        s.beforeRoleNames().stream().filter(r -> !s.after().roleNames().contains(r)).toList());
  }

  /**
   * User id -> the email an update's "before" stands for: a swap parks the address first (phase 0),
   * so the update starts from the parked address, not the one Titan had.
   */
  static Map<String, String> releasedEmails(Plan plan) {
    Map<String, String> out = new HashMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof UpdateUser u && u.kind() == ChangeKind.RELEASE_EMAIL) {
        out.put(u.userId(), u.before().email());
      }
    }
    return out;
  }

  /** True when an update moves the email to another domain (ignoring case). */
  static boolean movesDomain(UpdateUser u, Map<String, String> released) {
    String before = domain(released.getOrDefault(u.userId(), u.before().email()));
    String after = domain(u.after().email());
    return before != null && after != null && !before.equals(after);
  }

  /** The part after the last {@code @}, lower case; null without one. */
  static String domain(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
  }
}
