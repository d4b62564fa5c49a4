package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.titansync.roster.Person;

/** Rule 5: addresses that change hands within one plan. */
class PlannerEmailMoveTest {

  private static TitanUser user(String id, String externalId, String email) {
    return managed(id, externalId, email, member("s1", "r1"));
  }

  private static Person wants(String externalId, String email) {
    return person(externalId, email, at("Lincoln Elementary", 2, "Teacher"));
  }

  private static String parked(String userId) {
    return "titansync-release-" + userId + "@release.invalid";
  }

  @Test
  void aSwapReleasesBothAddressesInPhaseZeroFirst() {
    TitanUser a = user("u1", "E1", "a@x.org");
    TitanUser b = user("u2", "E2", "b@x.org");

    Plan plan = plan(roster(wants("E1", "b@x.org"), wants("E2", "a@x.org")), snapshot(a, b));

    assertEquals(
        List.of("release_email:E1", "release_email:E2", "update:E1", "update:E2"), keys(plan));
    UpdateUser release = (UpdateUser) plan.changes().get(0);
    assertEquals(0, release.phase());
    assertEquals("u1", release.userId());
    assertEquals(a.profile(), release.before());
    assertEquals(new Profile("E1", "F-E1", "L-E1", parked("u1"), true), release.after());
    UpdateUser update = (UpdateUser) plan.changes().get(2);
    assertEquals(1, update.phase());
    assertEquals(parked("u1"), update.before().email());
    assertEquals("b@x.org", update.after().email());
    assertTrue(plan.conflicts().isEmpty());
  }

  @Test
  void aThreeChainReleasesOnlyTheAddressesSomeoneElseTakes() {
    // a -> b -> c -> d: b and c change hands, a is simply left behind, d was free.
    Plan plan =
        plan(
            roster(wants("E1", "b@x.org"), wants("E2", "c@x.org"), wants("E3", "d@x.org")),
            snapshot(
                user("u1", "E1", "a@x.org"),
                user("u2", "E2", "b@x.org"),
                user("u3", "E3", "c@x.org")));

    assertEquals(
        List.of("release_email:E2", "release_email:E3", "update:E1", "update:E2", "update:E3"),
        keys(plan));
    assertEquals("a@x.org", ((UpdateUser) plan.changes().get(2)).before().email());
    assertEquals(parked("u2"), ((UpdateUser) plan.changes().get(3)).before().email());
    assertEquals(parked("u3"), ((UpdateUser) plan.changes().get(4)).before().email());
  }

  @Test
  void aNewPersonMayTakeTheAddressSomeoneElseLeaves() {
    Plan plan =
        plan(
            roster(wants("E1", "ann.lee@x.org"), wants("E2", "ann@x.org")),
            snapshot(user("u1", "E1", "ann@x.org")));

    assertEquals(List.of("release_email:E1", "update:E1", "create:E2"), keys(plan));
    assertTrue(plan.conflicts().isEmpty());
  }

  @Test
  void anAddressWhoseHolderKeepsItIsAConflictButTheRolesStillPlan() {
    Plan plan =
        plan(
            roster(person("E1", "Ann", "Lee", "desk@x.org", at("Lincoln Elementary", 2, "Staff"))),
            snapshot(
                user("u1", "E1", "a@x.org"), handMade("u9", "Desk@x.org", member("s2", "r2"))));

    assertEquals(List.of("update:E1", "set_roles:E1:s1"), keys(plan));
    UpdateUser update = (UpdateUser) plan.changes().get(0);
    assertEquals(new Profile("E1", "Ann", "Lee", "a@x.org", true), update.after());
    assertEquals(1, plan.conflicts().size());
    assertEquals("E1", plan.conflicts().get(0).externalId());
    assertEquals("u9", plan.conflicts().get(0).titanUserId());
  }

  @Test
  void aBlockedLinkBlocksTheWholeChainBehindIt() {
    // E2 wants an address a hand-made account holds; so E2 keeps b, so E1 cannot have b.
    Plan plan =
        plan(
            roster(wants("E1", "b@x.org"), wants("E2", "h@x.org")),
            snapshot(
                user("u1", "E1", "a@x.org"),
                user("u2", "E2", "b@x.org"),
                handMade("u9", "h@x.org", member("s2", "r2"))));

    assertTrue(plan.isEmpty(), plan.changes().toString());
    assertEquals(2, plan.conflicts().size());
    assertTrue(
        plan.conflicts().get(0).message().contains("whose own email change is blocked"),
        plan.conflicts().get(0).message());
    assertTrue(
        plan.conflicts().get(1).message().contains("made by hand"),
        plan.conflicts().get(1).message());
  }
}
