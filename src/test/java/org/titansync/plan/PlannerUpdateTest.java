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

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule 3: what changes for a person Titan already knows. */
class PlannerUpdateTest {

  private static final TitanUser ANN = managed("u1", "E1", "ann@x.org", member("s1", "r1"));

  @Test
  void aPersonInStepWithTitanNeedsNoChange() {
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(ANN));

    assertTrue(plan.isEmpty(), plan.changes().toString());
  }

  @Test
  void changedNamesAndEmailAreOneUpdate() {
    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "Ann",
                    "Lee-Smith",
                    "ann.lee@x.org",
                    at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(ANN));

    assertEquals(
        List.of(
            new UpdateUser(
                ChangeKind.UPDATE,
                "u1",
                "E1",
                "ann.lee@x.org",
                ANN.profile(),
                new Profile("E1", "Ann", "Lee-Smith", "ann.lee@x.org", true))),
        plan.changes());
  }

  @Test
  void anEmailThatDiffersOnlyInCaseIsNoUpdateByDefault() {
    Plan plan =
        plan(
            roster(person("E1", "Ann@X.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(ANN));

    assertEquals(List.of(), keys(plan), "Titan compares addresses ignoring case: nothing changes");
  }

  @Test
  void aNameChangeBesideACaseOnlyEmailDifferenceKeepsTitansSpelling() {
    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "F-E1",
                    "Lee-Smith",
                    "Ann@X.org",
                    at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(ANN));

    assertEquals(List.of("update:E1"), keys(plan));
    assertEquals("ann@x.org", ((UpdateUser) plan.changes().get(0)).after().email());
  }

  @Test
  void withUpdateEmailCaseAnEmailThatDiffersOnlyInCaseIsUpdatedToTheFilesSpelling() {
    Plan plan =
        plan(
            roster(person("E1", "Ann@X.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(ANN),
            options().withUpdateEmailCase(true));

    assertEquals(List.of("update:E1"), keys(plan));
    assertEquals("Ann@X.org", ((UpdateUser) plan.changes().get(0)).after().email());
  }

  @Test
  void anInactiveUserInTheFileIsReactivated() {
    TitanUser inactive =
        new TitanUser("u1", "E1", "F-E1", "L-E1", "ann@x.org", false, member("s1", "r1"));

    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(inactive));

    assertEquals(
        List.of(
            new UpdateUser(
                ChangeKind.UPDATE,
                "u1",
                "E1",
                "ann@x.org",
                inactive.profile(),
                new Profile("E1", "F-E1", "L-E1", "ann@x.org", true))),
        plan.changes());
  }

  @Test
  void aDifferentRoleSetAtASiteIsSetExactly() {
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Staff", "Teacher"))),
            snapshot(ANN));

    assertEquals(
        List.of(
            new SetRoles(
                "u1",
                "E1",
                "ann@x.org",
                "s1",
                "Lincoln Elementary",
                List.of("r1"),
                List.of("Teacher"),
                new Membership(
                    "s1", "Lincoln Elementary", List.of("r1", "r2"), List.of("Teacher", "Staff")))),
        plan.changes());
  }

  @Test
  void aSiteMoveJoinsTheNewSiteAndLeavesTheOld() {
    Plan plan =
        plan(roster(person("E1", "ann@x.org", at("Washington High", 2, "Teacher"))), snapshot(ANN));

    assertEquals(List.of("set_roles:E1:s2", "remove_membership:E1:s1"), keys(plan));
    SetRoles join = (SetRoles) plan.changes().get(0);
    assertEquals(List.of(), join.beforeRoleIds(), "not a member yet");
    RemoveMembership leave = (RemoveMembership) plan.changes().get(1);
    assertEquals(false, leave.personGone());
    assertEquals(
        new Membership("s1", "Lincoln Elementary", List.of("r1"), List.of("Teacher")),
        leave.before());
  }

  @Test
  void aSiteTheRowsNoLongerNameIsRemoved() {
    TitanUser twoSites =
        managed("u1", "E1", "ann@x.org", member("s1", Set.of("r1"), "s2", Set.of("r2")));

    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(twoSites));

    assertEquals(List.of("remove_membership:E1:s2"), keys(plan));
  }
}
