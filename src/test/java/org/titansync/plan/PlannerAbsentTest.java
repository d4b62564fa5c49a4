package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;
import static org.titansync.plan.Fixtures.only;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withDeactivateMissing;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule 4: managed users gone from the file; hand-made users nobody links. */
class PlannerAbsentTest {

  private static final TitanUser GONE =
      managed("u2", "E2", "bob@x.org", member("s1", Set.of("r1"), "s2", Set.of("r2")));
  private static final TitanUser STAYS = managed("u1", "E1", "ann@x.org", member("s1", "r1"));

  private static Plan planWithoutBob(PlanOptions options, TitanUser... users) {
    return plan(
        roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
        snapshot(users),
        options);
  }

  @Test
  void anAbsentPersonLosesEveryMembershipButTheUserIsKept() {
    Plan plan = planWithoutBob(options(), STAYS, GONE);

    assertEquals(List.of("remove_membership:E2:s1", "remove_membership:E2:s2"), keys(plan));
    for (Change change : plan.changes()) {
      RemoveMembership removal = (RemoveMembership) change;
      assertEquals("u2", removal.userId());
      assertTrue(removal.personGone());
    }
  }

  @Test
  void withDeactivateMissingTheAbsentPersonIsAlsoSetInactive() {
    Plan plan = planWithoutBob(withDeactivateMissing(options()), STAYS, GONE);

    assertEquals(
        List.of("remove_membership:E2:s1", "remove_membership:E2:s2", "deactivate:E2"), keys(plan));
    UpdateUser deactivate = (UpdateUser) plan.changes().get(2);
    assertEquals(GONE.profile(), deactivate.before());
    assertEquals(new Profile("E2", "F-E2", "L-E2", "bob@x.org", false), deactivate.after());
  }

  @Test
  void anAlreadyInactiveAbsentUserIsNotDeactivatedAgain() {
    TitanUser inactive =
        new TitanUser("u2", "E2", "F-E2", "L-E2", "bob@x.org", false, member("s1", "r1"));

    Plan plan = planWithoutBob(withDeactivateMissing(options()), STAYS, inactive);

    assertEquals(List.of("remove_membership:E2:s1"), keys(plan));
  }

  @Test
  void handMadeUsersNobodyLinksAreNeverTouched() {
    TitanUser console =
        handMade("u9", "office@x.org", member("s1", Set.of("r3"), "s2", Set.of("r1")));

    Plan plan = planWithoutBob(withDeactivateMissing(options()), STAYS, console);

    assertTrue(only(plan, c -> "u9".equals(c.userId())).isEmpty(), plan.changes().toString());
    assertTrue(plan.isEmpty());
  }
}
