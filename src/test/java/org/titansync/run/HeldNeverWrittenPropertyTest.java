package org.titansync.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.titansync.guard.Baseline;
import org.titansync.guard.Check;
import org.titansync.guard.Guardrails;
import org.titansync.guard.Limits;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Reason;
import org.titansync.guard.Tally;
import org.titansync.guard.Verdict;
import org.titansync.guard.Window;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * Nothing held is written: on random plans of every kind of change, judged with random limits, a
 * random window and either hold_scope, the work the apply route is handed ({@link Judged#phases()})
 * never holds a change of a kind a tripped check counts.
 */
class HeldNeverWrittenPropertyTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final String[] ROLES = {"Teacher", "Nurse", "Principal", "District Admin"};

  @Property(tries = 400)
  void noHeldChangeReachesTheApplyRoute(
      @ForAll @IntRange(min = 0, max = 12) int removals,
      @ForAll @IntRange(min = 0, max = 4) int deactivations,
      @ForAll @IntRange(min = 0, max = 12) int updates,
      @ForAll @IntRange(min = 0, max = 8) int domainMoves,
      @ForAll @IntRange(min = 0, max = 3) int swaps,
      @ForAll @IntRange(min = 0, max = 12) int roleChanges,
      @ForAll @IntRange(min = 0, max = 30) int creations,
      @ForAll @IntRange(min = 0, max = 3) int managedTens,
      @ForAll @IntRange(min = 0, max = 20) int limit,
      @ForAll @IntRange(min = 0, max = 6) int earlier,
      @ForAll boolean removalsOnly) {
    int managed = managedTens * 10; // 0: a first load
    Plan plan =
        plan(removals, deactivations, updates, domainMoves, swaps, roleChanges, creations, managed);
    Limits limits =
        new Limits(
            limit,
            limit * 2.5,
            limit * 2.5,
            0,
            true,
            true,
            removalsOnly,
            PrivilegedRoles.byDefault(),
            limit,
            limit * 2.5,
            limit * 2,
            limit * 5.0,
            limit,
            24,
            Map.of(),
            true,
            true,
            true,
            Set.of());
    long now = 1_800_000_000L;
    Window window =
        Window.of(
            24,
            List.of(
                new WindowEntry(
                    "earlier",
                    now - 3600,
                    "",
                    new Tally(earlier, earlier, earlier, earlier, earlier, earlier),
                    managed,
                    managed)),
            now);
    Verdict v =
        new Guardrails(limits)
            .evaluate(
                plan,
                HEADERS,
                Optional.of(new Baseline("20261101-060000-abcd", 50, HEADERS)),
                window);

    Judged judged =
        new Judged(
            new Planned(
                plan,
                null,
                List.of(),
                PrivilegedAccounts.none(),
                List.of(),
                null,
                new RunPurpose.Sync(),
                null),
            v);
    List<Change> sent = new ArrayList<>();
    judged.phases().forEach(phase -> phase.forEach(p -> sent.addAll(p.changes())));

    Statistics.label("held").collect(v.held());
    Statistics.label("scope").collect(removalsOnly ? "removals" : "all");
    Set<Check> tripped = Set.copyOf(v.reasons().stream().map(Reason::check).toList());
    for (Change c : sent) {
      assertFalse(v.holds(c), "a held change is sent: " + c.key());
      assertFalse(judged.holds(c), "sent changes are not marked held");
    }
    if (!v.held()) {
      assertEquals(plan.changes().size(), sent.size(), "nothing held: everything goes");
      return;
    }
    if (!removalsOnly) {
      assertTrue(sent.isEmpty(), "hold_scope = all sends nothing: " + sent);
      assertFalse(judged.isWork());
      return;
    }
    for (Change c : sent) {
      assertFalse(
          c.kind() == ChangeKind.REMOVE_MEMBERSHIP || c.kind() == ChangeKind.DEACTIVATE,
          "a removal is sent: " + c.key());
      if (tripped.contains(Check.MAX_CREATIONS) || tripped.contains(Check.MAX_CREATION_PERCENT)) {
        assertFalse(c instanceof CreateUser, "a creation is sent: " + c.key());
      }
      if (tripped.contains(Check.MAX_UPDATE_PERCENT)
          || tripped.contains(Check.MAX_DOMAIN_MOVE_PERCENT)) {
        assertFalse(
            c.kind() == ChangeKind.UPDATE || c.kind() == ChangeKind.RELEASE_EMAIL,
            "an update is sent: " + c.key());
      }
      if (tripped.contains(Check.MAX_ROLE_CHANGE_PERCENT)) {
        assertFalse(
            c instanceof SetRoles s && !s.beforeRoleIds().isEmpty(),
            "a role change is sent: " + c.key());
      }
      if (tripped.contains(Check.MAX_PRIVILEGED_CHANGES)) {
        assertFalse(touchesPrivilege(c), "a privileged change is sent: " + c.key());
      }
    }
  }

  private static boolean touchesPrivilege(Change c) {
    PrivilegedRoles p = PrivilegedRoles.byDefault();
    if (c instanceof CreateUser cu) {
      return cu.memberships().stream().anyMatch(m -> !p.among(m.roleNames()).isEmpty());
    }
    if (c instanceof SetRoles s) {
      return !p.among(s.beforeRoleNames()).equals(p.among(s.after().roleNames()));
    }
    return c instanceof RemoveMembership r && !p.among(r.before().roleNames()).isEmpty();
  }

  private static Membership at(String role) {
    return new Membership("s-1", "Lincoln", List.of("r-" + role), List.of(role));
  }

  private static Plan plan(
      int removals,
      int deactivations,
      int updates,
      int domainMoves,
      int swaps,
      int roleChanges,
      int creations,
      int managed) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < swaps; i++) {
      String id = "S" + i;
      Profile before = new Profile(id, "Sw", "Ap", id + "@a.example", true);
      Profile parked =
          new Profile(id, "Sw", "Ap", "titansync-release-u" + id + "@release.invalid", true);
      changes.add(
          new UpdateUser(ChangeKind.RELEASE_EMAIL, "u" + id, id, before.email(), before, parked));
    }
    for (int i = 0; i < swaps; i++) {
      String id = "S" + i;
      Profile parked =
          new Profile(id, "Sw", "Ap", "titansync-release-u" + id + "@release.invalid", true);
      Profile after = new Profile(id, "Sw", "Ap", "S" + ((i + 1) % swaps) + "@b.example", true);
      changes.add(new UpdateUser(ChangeKind.UPDATE, "u" + id, id, after.email(), parked, after));
    }
    for (int i = 0; i < removals; i++) {
      String id = "R" + i;
      changes.add(
          new RemoveMembership(
              "u" + id, id, id + "@a.example", "s-1", "Lincoln", at(ROLES[i % 4]), i % 2 == 0));
    }
    for (int i = 0; i < deactivations; i++) {
      String id = "D" + i;
      Profile before = new Profile(id, "De", "Act", id + "@a.example", true);
      changes.add(
          new UpdateUser(
              ChangeKind.DEACTIVATE,
              "u" + id,
              id,
              before.email(),
              before,
              new Profile(id, "De", "Act", id + "@a.example", false)));
    }
    for (int i = 0; i < updates + domainMoves; i++) {
      String id = "U" + i;
      Profile before = new Profile(id, "Up", "Old", id + "@a.example", true);
      Profile after =
          i < updates
              ? new Profile(id, "Up", "New", id + "@a.example", true)
              : new Profile(id, "Up", "Old", id + "@c.example", true);
      changes.add(new UpdateUser(ChangeKind.UPDATE, "u" + id, id, after.email(), before, after));
    }
    for (int i = 0; i < roleChanges; i++) {
      String id = "C" + i;
      String from = ROLES[i % 4];
      String to = ROLES[(i + 1 + i / 4) % 4];
      changes.add(
          new SetRoles(
              "u" + id,
              id,
              id + "@a.example",
              "s-1",
              "Lincoln",
              List.of("r-" + from),
              List.of(from),
              at(to.equals(from) ? "Substitute" : to)));
    }
    for (int i = 0; i < creations; i++) {
      String id = "N" + i;
      changes.add(
          new CreateUser(
              id, "Ne", "W", id + "@a.example", List.of(at(ROLES[i % 4])), List.of(i + 2)));
    }
    return new Plan(
        changes,
        List.of(),
        List.of(),
        new PlanStats(50, 50, managed, managed, Map.of("Lincoln", managed), Map.of("Lincoln", 50)));
  }
}
