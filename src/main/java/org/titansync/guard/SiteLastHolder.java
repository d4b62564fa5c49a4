package org.titansync.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.PersonMoves;
import org.titansync.plan.Plan;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * A site left with no holder of a privileged role that an active account held there before the
 * plan: the last Principal of a school, say. The district-wide count ({@link RoleHolders}) does not
 * see a principal who moves from one school to another; the school left behind does.
 *
 * @param site the site's name
 * @param role the role's name as Titan spells it
 * @param people who held it there, each with what happens to them, e.g. {@code Maria Gonzalez
 *     (E1001), who moves from Adams Elementary to Lincoln Elementary}
 */
public record SiteLastHolder(String site, String role, List<String> people) {

  public SiteLastHolder {
    people = List.copyOf(people);
  }

  /** "Adams Elementary loses its last Principal: Maria Gonzalez (E1001), who leaves the file." */
  public String sentence() {
    return site + " loses its last " + role + ": " + String.join("; ", people) + ".";
  }

  /**
   * The sites the plan leaves without a privileged role's holder, by site then role. Computed by
   * the run, where Titan's snapshot is known; a plan that takes no privileged role costs one look
   * at its changes.
   */
  public static List<SiteLastHolder> of(Snapshot snapshot, Plan plan, PrivilegedRoles privileged) {
    Map<String, String> roleNames = new HashMap<>();
    Set<String> privilegedIds = new HashSet<>();
    for (TitanRole r : snapshot.roles()) {
      roleNames.put(r.id(), r.name());
      if (privileged.isPrivileged(r.name())) {
        privilegedIds.add(r.id());
      }
    }
    Set<String> deactivated = new HashSet<>();
    Set<String> watched = new HashSet<>(); // site id + "|" + role id that a change takes
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
        r.before().roleIds().stream()
            .filter(privilegedIds::contains)
            .forEach(id -> watched.add(r.siteId() + "|" + id));
      } else if (c instanceof SetRoles s) {
        s.beforeRoleIds().stream()
            .filter(id -> privilegedIds.contains(id) && !s.after().roleIds().contains(id))
            .forEach(id -> watched.add(s.siteId() + "|" + id));
      } else if (c.kind() == ChangeKind.DEACTIVATE) {
        deactivated.add(c.userId());
      }
    }
    if (watched.isEmpty() && deactivated.isEmpty()) {
      return List.of(); // the common plan: it takes no privileged role from anyone
    }
    Map<String, List<TitanUser>> before = new TreeMap<>();
    for (TitanUser u : snapshot.users()) {
      if (!u.active()) {
        continue;
      }
      u.memberships()
          .forEach(
              (site, roles) -> {
                for (String role : roles) {
                  String key = site + "|" + role;
                  if (privilegedIds.contains(role)
                      && (watched.contains(key) || deactivated.contains(u.id()))) {
                    before.computeIfAbsent(key, k -> new ArrayList<>()).add(u);
                  }
                }
              });
    }
    Map<String, Set<String>> after = new HashMap<>();
    before.forEach(
        (key, holders) -> {
          Set<String> ids = new HashSet<>();
          holders.forEach(u -> ids.add(u.id()));
          after.put(key, ids);
        });
    for (Change c : plan.changes()) {
      replay(c, after, deactivated);
    }
    Map<String, String> siteNames = new HashMap<>();
    snapshot.sites().forEach(s -> siteNames.put(s.id(), s.name()));
    PersonMoves moves = PersonMoves.of(plan);
    // Each removal by user and site, looked up per holder: a broken export removes thousands, and
    // a scan of the plan per holder made naming them quadratic (tens of seconds at 100,000).
    Map<String, RemoveMembership> removals = new HashMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
        removals.putIfAbsent(r.userId() + "|" + r.siteId(), r);
      }
    }
    List<SiteLastHolder> out = new ArrayList<>();
    before.forEach(
        (key, holders) -> {
          if (!after.get(key).isEmpty()) {
            return;
          }
          int bar = key.indexOf('|');
          String siteId = key.substring(0, bar);
          List<String> people = new ArrayList<>();
          for (TitanUser u : holders) {
            people.add(describe(u, removals.get(u.id() + "|" + siteId), moves, deactivated));
          }
          out.add(
              new SiteLastHolder(
                  siteNames.getOrDefault(siteId, siteId),
                  roleNames.getOrDefault(key.substring(bar + 1), key.substring(bar + 1)),
                  people));
        });
    return List.copyOf(out);
  }

  /** One change replayed on the holders of the watched site roles. */
  private static void replay(Change c, Map<String, Set<String>> after, Set<String> deactivated) {
    if (c instanceof RemoveMembership r) {
      after.forEach(
          (key, ids) -> {
            if (key.startsWith(r.siteId() + "|")) {
              ids.remove(r.userId());
            }
          });
    } else if (c instanceof SetRoles s) {
      after.forEach(
          (key, ids) -> {
            if (key.startsWith(s.siteId() + "|")) {
              String role = key.substring(key.indexOf('|') + 1);
              if (s.after().roleIds().contains(role)) {
                if (!deactivated.contains(s.userId())) {
                  ids.add(s.userId());
                }
              } else {
                ids.remove(s.userId());
              }
            }
          });
    } else if (c instanceof CreateUser cu) {
      for (Membership m : cu.memberships()) {
        for (String role : m.roleIds()) {
          Set<String> ids = after.get(m.siteId() + "|" + role);
          if (ids != null) {
            ids.add("+" + cu.externalId());
          }
        }
      }
    } else if (c instanceof UpdateUser u && u.kind() == ChangeKind.DEACTIVATE) {
      after.values().forEach(ids -> ids.remove(u.userId()));
    }
  }

  /** "Maria Gonzalez (E1001), who moves from Adams Elementary to Lincoln Elementary". */
  private static String describe(
      TitanUser u, RemoveMembership removal, PersonMoves moves, Set<String> deactivated) {
    String who =
        (u.firstName() + " " + u.lastName()).strip()
            + " ("
            + (u.externalId() == null ? "made by hand, " + u.email() : u.externalId())
            + ")";
    PersonMoves.Move move = u.externalId() == null ? null : moves.of(u.externalId());
    if (move != null) {
      return who + ", who " + move.words();
    }
    if (removal != null) {
      return who
          + (removal.personGone() ? ", who is no longer in the file" : ", who leaves the site");
    }
    if (deactivated.contains(u.id())) {
      return who + ", whose account is deactivated";
    }
    return who + ", whose role there changes";
  }
}
