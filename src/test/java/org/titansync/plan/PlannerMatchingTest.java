package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withMatchByEmail;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 2: which Titan user a file person is, and when the planner refuses to guess. */
class PlannerMatchingTest {

  @Test
  void aNewPersonIsCreatedWithAllTheirMemberships() {
    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "ann@x.org",
                    at("Lincoln Elementary", 2, "Teacher", "Staff"),
                    at("washington high", 3, "Administrator"))),
            snapshot());

    assertEquals(
        List.of(
            new CreateUser(
                "E1",
                "F-E1",
                "L-E1",
                "ann@x.org",
                List.of(
                    new Membership(
                        "s1",
                        "Lincoln Elementary",
                        List.of("r1", "r2"),
                        List.of("Teacher", "Staff")),
                    new Membership(
                        "s2", "Washington High", List.of("r3"), List.of("Administrator"))),
                List.of(2, 3))),
        plan.changes());
    assertTrue(plan.conflicts().isEmpty());
  }

  @Test
  void aHandMadeAccountWithTheSameEmailInAnyCaseIsLinkedNotDuplicated() {
    TitanUser account = handMade("u7", "Ann.Lee@X.org", member("s1", "r1"));

    Plan plan =
        plan(
            roster(person("E1", "ann.lee@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(account));

    assertEquals(
        List.of(
            new UpdateUser(
                ChangeKind.LINK,
                "u7",
                "E1",
                "ann.lee@x.org",
                account.profile(),
                // Titan's spelling of the address stays (sync.update_email_case = false).
                new Profile("E1", "F-E1", "L-E1", "Ann.Lee@X.org", true))),
        plan.changes());
  }

  @Test
  void withMatchingByEmailOffAHandMadeAccountHoldingTheEmailIsAConflict() {
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(handMade("u7", "ann@x.org", member("s1", "r1"))),
            withMatchByEmail(options(), false));

    assertTrue(plan.changes().isEmpty(), "nobody created, the account untouched");
    assertEquals(1, plan.conflicts().size());
    Conflict conflict = plan.conflicts().get(0);
    assertEquals("E1", conflict.externalId());
    assertEquals("u7", conflict.titanUserId());
    assertEquals(2, conflict.line());
    assertTrue(conflict.message().contains("match_existing_by_email is off"), conflict.message());
  }

  @Test
  void anEmailHeldByAUserWithAnotherExternalIdIsAConflictAndNobodyIsTouched() {
    // E9 is gone from the file, but its account holds E1's address: likely one human, re-keyed.
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(managed("u5", "E9", "Ann@x.org", member("s1", "r1"))));

    assertTrue(plan.changes().isEmpty(), plan.changes().toString());
    assertEquals(1, plan.conflicts().size());
    Conflict conflict = plan.conflicts().get(0);
    assertEquals("u5", conflict.titanUserId());
    assertTrue(conflict.message().contains("another external_id (E9)"), conflict.message());
  }

  @Test
  void aUserIsMatchedByExternalIdBeforeEmail() {
    // Another account holds the file's address, but E1 already has its own user: it is that user.
    TitanUser own = managed("u1", "E1", "ann@x.org", member("s1", "r1"));

    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            snapshot(own, handMade("u7", "other@x.org", member("s1", "r1"))));

    assertTrue(plan.changes().isEmpty(), plan.changes().toString());
    assertTrue(plan.conflicts().isEmpty());
  }

  @Test
  void aPersonWithNoKnownSiteIsNotCreatedAndTheErrorSaysWhy() {
    Plan plan =
        plan(roster(person("E1", "ann@x.org", at("Nowhere School", 2, "Teacher"))), snapshot());

    assertTrue(plan.changes().isEmpty());
    assertEquals(1, plan.errors().size());
    assertEquals(2, plan.errors().get(0).line());
  }
}
