package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withDeactivateMissing;
import static org.titansync.plan.Fixtures.withProtected;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.roster.RowError;

/** Rule 6: protected users and roles, and tainted people. */
class PlannerProtectionTest {

  private static final TitanUser BOSS =
      managed("u1", "E1", "Boss@X.org", member("s1", Set.of("r3"), "s2", Set.of("r3")));
  private static final TitanUser GONE = managed("u2", "E2", "Guard@x.org", member("s1", "r4"));

  /** The boss's file row disagrees with Titan on everything; the guard is gone from the file. */
  private static Plan planProtecting(PlanOptions options) {
    return plan(
        roster(person("E1", "Big", "Boss", "boss2@x.org", at("Adams Middle", 2, "Teacher"))),
        snapshot(BOSS, GONE),
        withDeactivateMissing(options));
  }

  @Test
  void aProtectedEmailMeansNoChangeOfAnyKind() {
    Plan plan =
        planProtecting(
            withProtected(options(), Set.of("boss@x.org", "guard@x.org"), Set.of(), Set.of()));

    assertTrue(plan.isEmpty(), plan.changes().toString());
  }

  @Test
  void aProtectedExternalIdMeansNoChangeOfAnyKind() {
    Plan plan = planProtecting(withProtected(options(), Set.of(), Set.of("E1", "E2"), Set.of()));

    assertTrue(plan.isEmpty(), plan.changes().toString());
  }

  @Test
  void withoutProtectionTheSameInputChangesBoth() {
    Plan plan = planProtecting(options());

    assertEquals(
        List.of(
            "update:E1",
            "set_roles:E1:s3",
            "remove_membership:E1:s1",
            "remove_membership:E1:s2",
            "remove_membership:E2:s1",
            "deactivate:E2"),
        keys(plan));
  }

  @Test
  void aProtectedRoleMeansNoChangeOfAnyKind() {
    // The boss holds Administrator, the guard (gone from the file) Safety Officer.
    Plan plan =
        planProtecting(
            withProtected(
                options(), Set.of(), Set.of(), Set.of("administrator", "safety officer")));

    assertTrue(plan.isEmpty(), plan.changes().toString());
  }

  @Test
  void aSuperintendentGoneFromTheFileIsNeitherRemovedNorDeactivated() {
    TitanUser superintendent =
        managed("u3", "E3", "sup@x.org", member("s1", Set.of("r3"), "s2", Set.of("r1")));

    for (PlanOptions mode : List.of(options(), withDeactivateMissing(options()))) {
      Plan plan =
          plan(
              roster(person("E9", "new@x.org", at("Lincoln Elementary", 2, "Staff"))),
              snapshot(superintendent),
              withProtected(mode, Set.of(), Set.of(), Set.of("administrator")));

      assertEquals(List.of("create:E9"), keys(plan), "deactivate " + mode.deactivateMissing());
    }
  }

  @Test
  void aPersonHoldingAProtectedRoleKeepsEveryOtherSiteAndRoleToo() {
    TitanUser ann =
        managed(
            "u1",
            "E1",
            "ann@x.org",
            Map.of("s1", Set.of("r1", "r4"), "s2", Set.of("r4"), "s3", Set.of("r2")));

    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Staff"))),
            snapshot(ann),
            withProtected(options(), Set.of(), Set.of(), Set.of("safety officer")));

    assertTrue(plan.isEmpty(), plan.changes().toString());
  }

  @Test
  void aTaintedPersonLosesNothingButTheirGoodRowsStillPlan() {
    TitanUser ann =
        managed("u1", "E1", "ann@x.org", member("s1", Set.of("r1"), "s2", Set.of("r1")));
    TitanUser bob =
        managed("u2", "E2", "bob@x.org", member("s1", Set.of("r1"), "s2", Set.of("r1")));
    TitanUser cy = managed("u3", "E3", "Cy@x.org", member("s1", "r1"));

    Plan plan =
        plan(
            roster(
                List.of(
                    // E1 had a bad row elsewhere; E2 named an unknown site; E3's only row was bad.
                    person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Staff")),
                    person(
                        "E2",
                        "bob@x.org",
                        at("Lincoln Elementary", 4, "Teacher"),
                        at("Lincon Elementary", 5, "Teacher"))),
                List.of(
                    new RowError(3, "role_names", "E1", "no role"),
                    new RowError(6, "external_id", null, "missing external_id")),
                Set.of("E1"),
                Set.of("cy@x.org")),
            snapshot(ann, bob, cy),
            withDeactivateMissing(options()));

    assertEquals(List.of("set_roles:E1:s1"), keys(plan));
    assertEquals(3, plan.errors().size());
    assertEquals(5, plan.errors().get(2).line());
  }
}
