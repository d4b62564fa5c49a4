package org.titansync.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * How many people hold one privileged role in Titan before the plan and after it, e.g. {@code
 * Principal: 12 -> 0}. A holder is an active account with the role at one site at least, whether
 * titan-sync manages it or not: that is who can raise the alarm a school relies on.
 *
 * @param role the role's name as Titan spells it
 * @param before holders in Titan's snapshot
 * @param after holders once the whole plan is applied
 */
public record RoleHolders(String role, int before, int after) {

  /** "Principal: 12 -> 0". */
  @Override
  public String toString() {
    return role + ": " + before + " -> " + after;
  }

  /**
   * The privileged roles whose holders the plan changes in number, or that it grants or takes from
   * anyone, by name. Computed by the run, where Titan's snapshot is known.
   */
  public static List<RoleHolders> of(Snapshot snapshot, Plan plan, PrivilegedRoles privileged) {
    if (plan.changes().isEmpty()) {
      // Nothing granted or taken, every count as before: no role to name, and no need to walk
      // every account of a large Titan to say so.
      return List.of();
    }
    PrivilegedIds privilegedIds = new PrivilegedIds(snapshot.roles(), privileged);
    // Only accounts with a privileged role are kept (user id, or "+" external_id for a new one):
    // a large Titan holds few, and an account without one gains nothing from its other sites.
    Map<String, Holder> people = new HashMap<>();
    Set<String> inactive = new HashSet<>();
    for (TitanUser u : snapshot.users()) {
      if (!u.active()) {
        inactive.add(u.id());
      }
      Holder h = null;
      for (Map.Entry<String, Set<String>> m : u.memberships().entrySet()) {
        if (privilegedIds.any(m.getValue())) {
          List<String> names = new ArrayList<>(m.getValue().size());
          m.getValue().forEach(id -> names.add(privilegedIds.name(id)));
          if (h == null) {
            h = new Holder(u.active());
            people.put(u.id(), h);
          }
          h.sites.put(m.getKey(), names);
        }
      }
    }
    Map<String, int[]> counts = new TreeMap<>();
    count(people, privileged, counts, 0);
    Set<String> touched = new TreeSet<>();
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu) {
        Holder h = new Holder(true);
        for (Membership m : cu.memberships()) {
          h.sites.put(m.siteId(), m.roleNames());
          touched.addAll(privileged.among(m.roleNames()));
        }
        people.put("+" + cu.externalId(), h);
      } else if (c instanceof SetRoles s) {
        people
            .computeIfAbsent(s.userId(), k -> new Holder(!inactive.contains(k)))
            .sites
            .put(s.siteId(), s.after().roleNames());
        touched.addAll(Tally.granted(s, privileged));
        touched.addAll(Tally.taken(s, privileged));
      } else if (c instanceof RemoveMembership r) {
        Holder h = people.get(r.userId());
        if (h != null) {
          h.sites.remove(r.siteId());
        }
        touched.addAll(privileged.among(r.before().roleNames()));
      } else if (c instanceof UpdateUser u && u.kind() != ChangeKind.RELEASE_EMAIL) {
        Holder h = people.get(u.userId());
        if (h != null) {
          h.active = u.after().active();
        }
      }
    }
    count(people, privileged, counts, 1);
    List<RoleHolders> out = new ArrayList<>();
    counts.forEach(
        (role, n) -> {
          if (n[0] != n[1] || touched.contains(role)) {
            out.add(new RoleHolders(role, n[0], n[1]));
          }
        });
    return List.copyOf(out);
  }

  private static void count(
      Map<String, Holder> people, PrivilegedRoles privileged, Map<String, int[]> counts, int at) {
    for (Holder h : people.values()) {
      if (!h.active) {
        continue;
      }
      Set<String> held = new HashSet<>();
      h.sites.values().forEach(names -> held.addAll(privileged.among(names)));
      held.forEach(role -> counts.computeIfAbsent(role, k -> new int[2])[at]++);
    }
  }

  /** One account while the plan is replayed on the snapshot. */
  private static final class Holder {
    private boolean active;
    private final Map<String, List<String>> sites = new HashMap<>();

    Holder(boolean active) {
      this.active = active;
    }
  }
}
