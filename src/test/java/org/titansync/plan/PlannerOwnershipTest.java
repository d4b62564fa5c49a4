package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.roster.Roster;

/**
 * membership_scope: from a person in the file, "owned" takes only what titan-sync owns (what it
 * granted, what a file named, what it took over at its first run against the Titan), "all" takes
 * whatever the file does not name; a person gone from the file loses everything under both.
 */
class PlannerOwnershipTest {

  /** E1 as titan-sync left them: Teacher at Lincoln (s1). */
  private static final Ownership E1_TEACHES_AT_LINCOLN =
      Ownership.of(Map.of("E1", Map.of("s1", Set.of("r1"))));

  /** E1 in Titan: Teacher at Lincoln, and by hand Safety Officer there and Staff at Washington. */
  private static final TitanUser E1_WITH_HAND_EDITS =
      managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1", "r4"), "s2", Set.of("r2")));

  private static final Roster E1_TEACHES_AT_LINCOLN_FILE =
      roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher")));

  private static Plan plan(Roster roster, Snapshot titan, PlanOptions options, Ownership owned) {
    return new Planner()
        .plan(
            roster,
            titan,
            options,
            Confusables.NONE,
            new RunMemory(owned, Map.of(), "20260901-020000-aaaa", Instant.EPOCH));
  }

  @Test
  void underOwnedARoleAndAMembershipAddedByHandAreKeptAndCounted() {
    Plan plan =
        plan(
            E1_TEACHES_AT_LINCOLN_FILE,
            snapshot(E1_WITH_HAND_EDITS),
            options(),
            E1_TEACHES_AT_LINCOLN);

    assertEquals(List.of(), keys(plan));
    assertEquals(
        List.of(
            new KeptByHand(
                "E1", "ann@x.org", "s1", "Lincoln Elementary", List.of("Safety Officer"), false),
            new KeptByHand("E1", "ann@x.org", "s2", "Washington High", List.of("Staff"), true)),
        plan.keeping().keptByHand());
    assertEquals(2, plan.keeping().rolesKeptByHand());
  }

  @Test
  void underAllTheFileIsTheWholeTruthForThePeopleItNames() {
    Plan plan =
        plan(
            E1_TEACHES_AT_LINCOLN_FILE,
            snapshot(E1_WITH_HAND_EDITS),
            options().withScope(MembershipScope.ALL),
            E1_TEACHES_AT_LINCOLN);

    assertEquals(List.of("set_roles:E1:s1", "remove_membership:E1:s2"), keys(plan));
    assertEquals(List.of(), plan.keeping().keptByHand());
  }

  @Test
  void aSiteTheFileNoLongerNamesLosesOnlyTheOwnedRolesAndAnOwnedMembershipGoesWhole() {
    // E1 moves to Adams: Lincoln keeps the Safety Officer role added by hand, loses Teacher.
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Adams Middle", 2, "Teacher"))),
            snapshot(E1_WITH_HAND_EDITS),
            options(),
            E1_TEACHES_AT_LINCOLN);

    assertEquals(List.of("set_roles:E1:s3", "set_roles:E1:s1"), keys(plan));
    SetRoles lincoln = (SetRoles) plan.changes().get(1);
    assertEquals(List.of("r1", "r4"), lincoln.beforeRoleIds());
    assertEquals(List.of("r4"), lincoln.after().roleIds());

    TitanUser onlyOwned = managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1")));
    Plan move =
        plan(
            roster(person("E1", "ann@x.org", at("Adams Middle", 2, "Teacher"))),
            snapshot(onlyOwned),
            options(),
            E1_TEACHES_AT_LINCOLN);
    assertEquals(List.of("set_roles:E1:s3", "remove_membership:E1:s1"), keys(move));
  }

  @Test
  void aRoleTheFileNamedOnceIsOwnedAndGoesWhenTheFileStopsNamingIt() {
    TitanUser both = managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1", "r2")));
    Ownership owned = Ownership.of(Map.of("E1", Map.of("s1", Set.of("r1", "r2"))));

    Plan plan = plan(E1_TEACHES_AT_LINCOLN_FILE, snapshot(both), options(), owned);

    assertEquals(List.of("set_roles:E1:s1"), keys(plan));
    assertEquals(List.of("r1"), ((SetRoles) plan.changes().get(0)).after().roleIds());
  }

  @Test
  void aLeaverLosesEveryMembershipUnderBothScopesHandMadeOnesIncluded() {
    Roster withoutE1 = roster(person("E2", "bo@x.org", at("Lincoln Elementary", 2, "Teacher")));
    TitanUser e2 = managed("u2", "E2", "bo@x.org", Map.of("s1", Set.of("r1")));
    for (MembershipScope scope : MembershipScope.values()) {
      Plan plan =
          plan(
              withoutE1,
              snapshot(E1_WITH_HAND_EDITS, e2),
              options().withScope(scope),
              Ownership.of(
                  Map.of("E1", Map.of("s1", Set.of("r1")), "E2", Map.of("s1", Set.of("r1")))));
      assertEquals(
          List.of("remove_membership:E1:s1", "remove_membership:E1:s2"), keys(plan), scope.id());
    }
  }

  @Test
  void theFirstRunTakesOverWhatPeopleWithAnExternalIdHold() {
    Plan plan =
        plan(
            E1_TEACHES_AT_LINCOLN_FILE,
            snapshot(E1_WITH_HAND_EDITS),
            options(),
            Ownership.atFirstRun());

    // As an earlier sync left them: the file is the truth for them this once.
    assertEquals(List.of("set_roles:E1:s1", "remove_membership:E1:s2"), keys(plan));
    assertEquals(Map.of("E1", E1_WITH_HAND_EDITS.memberships()), plan.keeping().owned().adopted());
    assertEquals(Map.of(), plan.keeping().owned().named(), "what the file names was held already");
  }

  @Test
  void anAccountLinkedByEmailKeepsWhatTheFileDoesNotNameAndOwnsWhatItDoes() {
    TitanUser account = handMade("u7", "ann@x.org", Map.of("s1", Set.of("r1"), "s2", Set.of("r4")));

    Plan plan =
        plan(E1_TEACHES_AT_LINCOLN_FILE, snapshot(account), options(), Ownership.atFirstRun());

    assertEquals(List.of("link:E1"), keys(plan));
    assertEquals(
        List.of(
            new KeptByHand(
                "E1", "ann@x.org", "s2", "Washington High", List.of("Safety Officer"), true)),
        plan.keeping().keptByHand());
    assertEquals(Map.of(), plan.keeping().owned().adopted(), "no earlier sync made it");
    assertEquals(Map.of("E1", Map.of("s1", Set.of("r1"))), plan.keeping().owned().named());
  }

  @Test
  void whatTheFileNamesIsClaimedAndWhatTitanNoLongerHoldsIsReleased() {
    // Owned: Teacher at Lincoln and Staff at Washington; Titan lost Washington (by hand).
    Ownership owned =
        Ownership.of(
            Map.of(
                "E1",
                Map.of("s1", Set.of("r1"), "s2", Set.of("r2")),
                "E9",
                Map.of("s3", Set.of("r1"))));
    TitanUser e1 = managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1")));

    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "ann@x.org",
                    at("Lincoln Elementary", 2, "Teacher", "Safety Officer"),
                    at("Adams Middle", 3, "Staff"))),
            snapshot(e1),
            options(),
            owned);

    OwnershipDelta delta = plan.keeping().owned();
    assertEquals(Map.of(), delta.adopted());
    assertEquals(Map.of("E1", Map.of("s1", Set.of("r4"), "s3", Set.of("r2"))), delta.named());
    assertEquals(
        Map.of("E1", Map.of("s2", Set.of("r2")), "E9", Map.of("s3", Set.of("r1"))),
        delta.released(),
        "E9 is in no Titan any more");
    assertEquals(
        Map.of("E1", Map.of("s1", Set.of("r1", "r4"), "s3", Set.of("r2"))),
        owned.after(delta).byExternalId());
  }

  @Test
  void aPlanInStepWithItsRecordChangesNothingInIt() {
    Plan plan =
        plan(
            E1_TEACHES_AT_LINCOLN_FILE,
            snapshot(managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1")))),
            options(),
            E1_TEACHES_AT_LINCOLN);

    assertTrue(plan.keeping().owned().isEmpty());
    assertEquals(E1_TEACHES_AT_LINCOLN, E1_TEACHES_AT_LINCOLN.after(plan.keeping().owned()));
  }

  @Test
  void aMembershipWithOwnedAndHandMadeRolesLosesOnlyTheOwnedOnes() {
    TitanUser guarded =
        managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1"), "s2", Set.of("r3", "r2")));
    Ownership owned = Ownership.of(Map.of("E1", Map.of("s1", Set.of("r1"), "s2", Set.of("r2"))));
    Plan plan = plan(E1_TEACHES_AT_LINCOLN_FILE, snapshot(guarded), options(), owned);

    // Staff at Washington is owned, Administrator there was added by hand: only Staff goes.
    assertEquals(List.of("set_roles:E1:s2"), keys(plan));
    assertEquals(List.of("r3"), ((SetRoles) plan.changes().get(0)).after().roleIds());
  }
}
