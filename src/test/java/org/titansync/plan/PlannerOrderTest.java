package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withDeactivateMissing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.SiteAssignment;

/** Rules 7 and 8 and the planner's promises: order, determinism, figures, speed. */
class PlannerOrderTest {

  private static final Roster ROSTER =
      roster(
          person("E5", "d@x.org", at("Lincoln Elementary", 2, "Teacher")),
          person("E3", "new@x.org", at("Lincoln Elementary", 3, "Teacher")),
          person(
              "E1",
              "Ann",
              "Lee",
              "a@x.org",
              at("Adams Middle", 4, "Teacher"),
              at("Washington High", 5, "Staff")),
          person("E4", "e@x.org", at("Lincoln Elementary", 6, "Teacher")));

  private static final TitanUser[] USERS = {
    managed("u1", "E1", "a@x.org", member("s1", "r1")),
    managed("u2", "E2", "bob@x.org", member("s1", "r1")),
    managed("u4", "E4", "d@x.org", member("s1", "r1")),
    managed("u5", "E5", "e@x.org", member("s1", "r1")),
  };

  @Test
  void phaseZeroComesFirstThenEachPersonByExternalIdInKindAndSiteOrder() {
    Plan plan = plan(ROSTER, snapshot(USERS), withDeactivateMissing(options()));

    assertEquals(
        List.of(
            "release_email:E4",
            "release_email:E5",
            "update:E1",
            "set_roles:E1:s2",
            "set_roles:E1:s3",
            "remove_membership:E1:s1",
            "remove_membership:E2:s1",
            "deactivate:E2",
            "create:E3",
            "update:E4",
            "update:E5"),
        keys(plan));
    assertEquals(keys(plan).size(), new HashSet<>(keys(plan)).size(), "keys are unique");
  }

  @Test
  void theSameInputGivesAnEqualPlanWhateverOrderTitanListedThingsIn() {
    PlanOptions options = withDeactivateMissing(options());
    Plan first = plan(ROSTER, snapshot(USERS), options);

    List<TitanUser> reversed = new ArrayList<>();
    for (int i = USERS.length - 1; i >= 0; i--) {
      TitanUser u = USERS[i];
      reversed.add(
          new TitanUser(
              u.id(),
              u.externalId(),
              u.firstName(),
              u.lastName(),
              u.email(),
              u.active(),
              new TreeMap<>(u.memberships())));
    }
    Snapshot shuffled =
        new Snapshot(
            List.of(Fixtures.ADAMS, Fixtures.WASHINGTON, Fixtures.LINCOLN),
            List.of(Fixtures.SAFETY, Fixtures.ADMIN, Fixtures.STAFF, Fixtures.TEACHER),
            reversed);

    assertEquals(first, plan(ROSTER, snapshot(USERS), options));
    assertEquals(first, plan(ROSTER, shuffled, options));
  }

  @Test
  void theFiguresCountManagedUsersAndFilePeoplePerSiteName() {
    Plan plan =
        plan(
            roster(
                person("E1", "a@x.org", at("Lincoln Elementary", 2, "Teacher")),
                person(
                    "E3",
                    "c@x.org",
                    at("Lincoln Elementary", 3, "Teacher"),
                    at("Adams Middle", 4, "Staff"),
                    at("Nowhere", 5, "Staff"))),
            snapshot(
                managed("u1", "E1", "a@x.org", member("s1", Set.of("r1"), "s2", Set.of("r1"))),
                managed("u2", "E2", "b@x.org", member("s1", "r1")),
                handMade("u9", "h@x.org", member("s1", "r1"))));

    assertEquals(
        new PlanStats(
            4,
            2,
            2,
            3,
            Map.of("Lincoln Elementary", 2, "Washington High", 1, "Adams Middle", 0),
            Map.of("Lincoln Elementary", 2, "Washington High", 0, "Adams Middle", 1)),
        plan.stats());
  }

  @Test
  void aHundredThousandPeopleAgainstAHundredThousandUsersPlanEachChangeOnce() {
    int n = 100_000;
    String[] sites = {"Lincoln Elementary", "Washington High", "Adams Middle"};
    String[] roles = {"Teacher", "Staff", "Administrator", "Safety Officer"};
    List<TitanUser> users = new ArrayList<>(n);
    List<Person> persons = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = "E" + i;
      String email = "p" + i + "@x.org";
      users.add(managed("u" + i, id, email, member("s" + (1 + i % 3), "r" + (1 + i % 4))));
      if (i % 20 == 0) {
        continue; // gone from the file
      }
      // Every 10th person moves site; pairs at every 50th swap addresses.
      int site = i % 10 == 1 ? (i + 1) % 3 : i % 3;
      String wanted =
          i % 50 == 1 ? "p" + (i + 1) + "@x.org" : i % 50 == 2 ? "p" + (i - 1) + "@x.org" : email;
      persons.add(
          person(id, wanted, new SiteAssignment(sites[site], List.of(roles[i % 4]), i + 2)));
    }
    for (int i = n; i < n + n / 20; i++) {
      persons.add(person("E" + i, "p" + i + "@x.org", at(sites[i % 3], i + 2, roles[i % 4])));
    }
    Roster roster = roster(persons.toArray(new Person[0]));
    Snapshot snapshot = new Snapshot(snapshot().sites(), snapshot().roles(), users);
    Planner planner = new Planner();
    // Its speed is measured by bench/dry-run.sh (docs/benchmarks.md), not here: a wall-clock bound
    // in a unit test fails on a busy build machine and proves nothing on a quiet one.
    Plan plan = planner.plan(roster, snapshot, options());

    // 5,000 new people; 2,000 pairs swap addresses; 10,000 move site; 5,000 left the file.
    assertEquals(5_000, Fixtures.ofKind(plan, ChangeKind.CREATE).size());
    assertEquals(4_000, Fixtures.ofKind(plan, ChangeKind.RELEASE_EMAIL).size());
    assertEquals(4_000, Fixtures.ofKind(plan, ChangeKind.UPDATE).size());
    assertEquals(10_000, Fixtures.ofKind(plan, ChangeKind.SET_ROLES).size());
    assertEquals(15_000, Fixtures.ofKind(plan, ChangeKind.REMOVE_MEMBERSHIP).size());
  }
}
