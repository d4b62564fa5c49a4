package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * How many people hold each privileged role before and after a plan, and what the privileged check
 * makes of those counts at, below and above max_privileged_changes.
 */
class RoleHoldersTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final List<TitanRole> ROLES =
      List.of(
          new TitanRole("r-t", "Teacher"),
          new TitanRole("r-p", "Principal"),
          new TitanRole("r-s", "Substitute"),
          new TitanRole("r-a", "District Admin"));
  private static final List<TitanSite> SITES = List.of();

  private static TitanUser user(String id, boolean active, Map<String, Set<String>> memberships) {
    return new TitanUser("u-" + id, id, "F", "L", id + "@example.org", active, memberships);
  }

  /** {@code n} principals P0..P(n-1) at site s-A, each also a teacher at s-B. */
  private static List<TitanUser> principals(int n) {
    List<TitanUser> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      m.put("s-A", Set.of("r-p"));
      m.put("s-B", Set.of("r-t"));
      out.add(user("P" + i, true, m));
    }
    return out;
  }

  private static SetRoles demote(String id) {
    return new SetRoles(
        "u-" + id,
        id,
        id + "@example.org",
        "s-A",
        "A",
        List.of("r-p"),
        List.of("Principal"),
        new Membership("s-A", "A", List.of("r-s"), List.of("Substitute")));
  }

  /** A plan that demotes P0..P(n-1) to Substitute at s-A. */
  private static Plan demoting(int n) {
    SamplePlans p = plan();
    for (int i = 0; i < n; i++) {
      p.add(demote("P" + i));
    }
    return p.build();
  }

  private static Verdict judge(Plan plan, List<RoleHolders> holders) {
    return new Guardrails(limits().build())
        .evaluate(
            plan,
            HEADERS,
            null,
            Optional.of(new Baseline("20261101-060000-abcd", 100, HEADERS)),
            Window.none(24),
            holders);
  }

  @Test
  void demotingEveryPrincipalTakesTheirHoldersToZero() {
    Snapshot s = new Snapshot(SITES, ROLES, principals(4));
    List<RoleHolders> h = RoleHolders.of(s, demoting(4), PrivilegedRoles.byDefault());
    assertEquals(List.of(new RoleHolders("Principal", 4, 0)), h);
    assertEquals("Principal: 4 -> 0", h.get(0).toString());
  }

  @Test
  void aPlanWithoutChangesNamesNoRoleHoweverManyHoldTheirs() {
    List<TitanUser> users = new ArrayList<>(principals(3));
    users.add(user("X", false, Map.of("s-A", Set.of("r-p", "r-a"))));

    assertEquals(
        List.of(),
        RoleHolders.of(
            new Snapshot(SITES, ROLES, users), plan().build(), PrivilegedRoles.byDefault()));
  }

  @Test
  void aPersonStillHoldingTheRoleAtAnotherSiteStaysAHolderAndIsCountedOnce() {
    Map<String, Set<String>> twoSites = new LinkedHashMap<>();
    twoSites.put("s-A", Set.of("r-p"));
    twoSites.put("s-B", Set.of("r-p", "r-t"));
    Snapshot s = new Snapshot(SITES, ROLES, List.of(user("P0", true, twoSites)));
    assertEquals(
        List.of(new RoleHolders("Principal", 1, 1)),
        RoleHolders.of(s, demoting(1), PrivilegedRoles.byDefault()),
        "touched, so listed, but the holder stays");
  }

  @Test
  void inactiveAccountsHoldNothingAndADeactivationOrRemovalDropsAHolder() {
    List<TitanUser> users = new ArrayList<>(principals(3));
    users.add(user("X", false, Map.of("s-A", Set.of("r-p"))));
    Snapshot s = new Snapshot(SITES, ROLES, users);
    Profile on = new Profile("P1", "F", "L", "P1@example.org", true);
    Profile off = new Profile("P1", "F", "L", "P1@example.org", false);
    Plan p =
        plan()
            .add(new UpdateUser(ChangeKind.DEACTIVATE, "u-P1", "P1", "P1@example.org", on, off))
            .add(
                new RemoveMembership(
                    "u-P2",
                    "P2",
                    "P2@example.org",
                    "s-A",
                    "A",
                    new Membership("s-A", "A", List.of("r-p"), List.of("Principal")),
                    true))
            .build();
    assertEquals(
        List.of(new RoleHolders("Principal", 3, 1)),
        RoleHolders.of(s, p, PrivilegedRoles.byDefault()));
  }

  @Test
  void anInactiveTeacherMadePrincipalHoldsNothingAndAnActiveOneDoes() {
    Snapshot s =
        new Snapshot(
            SITES,
            ROLES,
            List.of(
                user("T0", false, Map.of("s-B", Set.of("r-t"))),
                user("T1", true, Map.of("s-B", Set.of("r-t")))));
    SamplePlans p = plan();
    for (String id : List.of("T0", "T1")) {
      p.add(
          new SetRoles(
              "u-" + id,
              id,
              id + "@example.org",
              "s-A",
              "A",
              List.of(),
              List.of(),
              new Membership("s-A", "A", List.of("r-p"), List.of("Principal"))));
    }
    assertEquals(
        List.of(new RoleHolders("Principal", 0, 1)),
        RoleHolders.of(s, p.build(), PrivilegedRoles.byDefault()));
  }

  @Test
  void newAccountsWithAPrivilegedRoleAddHoldersAndUntouchedRolesAreNotListed() {
    Map<String, Set<String>> admin = Map.of("s-A", Set.of("r-a"));
    List<TitanUser> users = new ArrayList<>(principals(2));
    users.add(user("A0", true, admin));
    users.add(user("A1", true, admin));
    Snapshot s = new Snapshot(SITES, ROLES, users);
    Plan p = plan().createsWithRole("A", 55, "District Admin").build();
    assertEquals(
        List.of(new RoleHolders("District Admin", 2, 57)),
        RoleHolders.of(s, p, PrivilegedRoles.byDefault()),
        "Principal is untouched: not listed");
    assertEquals(List.of(), RoleHolders.of(s, plan().build(), PrivilegedRoles.byDefault()));
  }

  @Test
  void everyPrincipalDemotedAtTheLimitIsHeldOnlyForTheRoleLeftEmpty() {
    Snapshot s = new Snapshot(SITES, ROLES, principals(5));
    Plan p = demoting(5);
    Verdict v = judge(p, RoleHolders.of(s, p, PrivilegedRoles.byDefault()));
    assertEquals(List.of("hold_on_last_privileged_holder"), v.checks(), "5 is max_privileged");
    assertEquals(List.of(new RoleHolders("Principal", 5, 0)), v.holders());
  }

  @Test
  void belowTheLimitPasses() {
    Snapshot s = new Snapshot(SITES, ROLES, principals(6));
    Plan p = demoting(4);
    Verdict v = judge(p, RoleHolders.of(s, p, PrivilegedRoles.byDefault()));
    assertFalse(v.held());
    assertEquals(List.of(new RoleHolders("Principal", 6, 2)), v.holders());
  }

  @Test
  void everyPrincipalDemotedAboveTheLimitIsHeldAndTheCauseSaysSoFromTheCounts() {
    Snapshot s = new Snapshot(SITES, ROLES, principals(6));
    Plan p = demoting(6);
    Verdict v = judge(p, RoleHolders.of(s, p, PrivilegedRoles.byDefault()));
    assertTrue(v.held());
    Reason r = v.reasons().get(0);
    assertEquals(Check.MAX_PRIVILEGED_CHANGES, r.check());
    assertTrue(r.sentence().contains("(-6 Principal); holders: Principal: 6 -> 0"), r.sentence());
    assertTrue(r.cause().startsWith("every Principal demoted (Principal: 6 -> 0); "), r.cause());
    assertTrue(
        v.likelyCause().startsWith("Every Principal demoted (Principal: 6 -> 0)"), v.likelyCause());
  }

  @Test
  void aRoleWhoseHoldersMultiplyIsNamedInTheCause() {
    Map<String, Set<String>> admin = Map.of("s-A", Set.of("r-a"));
    Snapshot s =
        new Snapshot(SITES, ROLES, List.of(user("A0", true, admin), user("A1", true, admin)));
    Plan p = plan().createsWithRole("A", 55, "District Admin").managed(1000, 1000).build();
    Verdict v = judge(p, RoleHolders.of(s, p, PrivilegedRoles.byDefault()));
    Reason r = v.reasons().get(0);
    assertEquals(Check.MAX_PRIVILEGED_CHANGES, r.check());
    assertTrue(r.cause().startsWith("55 memberships get the role \"District Admin\""), r.cause());
    assertTrue(r.cause().endsWith("; District Admin holders 2 -> 57"), r.cause());
  }

  @Test
  void leadersDemotedByAMassGrantFollowTheGrantInTheCause() {
    Snapshot s = new Snapshot(SITES, ROLES, principals(2));
    SamplePlans p = plan().createsWithRole("A", 8, "District Admin").managed(1000, 1000);
    for (int i = 0; i < 2; i++) {
      String id = "P" + i;
      p.add(
          new SetRoles(
              "u-" + id,
              id,
              id + "@example.org",
              "s-A",
              "A",
              List.of("r-p"),
              List.of("Principal"),
              new Membership("s-A", "A", List.of("r-a"), List.of("District Admin"))));
    }
    Plan plan = p.build();
    Verdict v = judge(plan, RoleHolders.of(s, plan, PrivilegedRoles.byDefault()));
    String cause = v.reasons().get(0).cause();
    assertTrue(cause.startsWith("10 memberships get the role \"District Admin\""), cause);
    assertTrue(
        cause.endsWith(
            "; every Principal demoted (Principal: 2 -> 0), District Admin holders 0 -> 10"),
        cause);
  }

  @Test
  void withoutTheCountsTheCauseIsThePlansAlone() {
    Verdict v = judge(demoting(6), List.of());
    assertTrue(v.held());
    assertTrue(v.reasons().get(0).cause().startsWith("6 privileged roles taken away"));
    assertFalse(v.reasons().get(0).sentence().contains("holders:"));
  }
}
