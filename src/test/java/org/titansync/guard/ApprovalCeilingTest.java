package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SamplePlans.plan;
import static org.titansync.guard.SamplePlans.remove;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.UpdateUser;

class ApprovalCeilingTest {

  @Test
  void theSamePlanOrASmallerOneStaysWithinTheCeiling() {
    Plan held = plan().gone("A", 5).deactivations(2).updates(3).build();
    ApprovalCeiling ceiling = ApprovalCeiling.of(held);

    assertEquals(10, ceiling.entries().size());
    assertTrue(ceiling.beyond(held).isEmpty());
    assertTrue(ceiling.beyond(plan().gone("A", 3).updates(1).build()).isEmpty());
  }

  @Test
  void creationsAndRoleChangesAreGuardedButLinksAreNot() {
    ApprovalCeiling ceiling = ApprovalCeiling.of(plan().gone("A", 1).creates("A", 2).build());
    assertTrue(ceiling.beyond(plan().gone("A", 1).creates("A", 2).links(2).build()).isEmpty());
    Plan now = plan().gone("A", 1).creates("A", 20).roleChanges("A", 4).build();
    List<ApprovalCeiling.Entry> beyond = ceiling.beyond(now);
    assertEquals(22, beyond.size(), beyond.toString());
    assertTrue(
        beyond.get(0).description().equals("create N2 <N2@example.org> at A (Teacher)"),
        beyond.get(0).description());
    assertTrue(
        beyond
            .get(18)
            .description()
            .equals("set roles of R0 <R0@example.org> at A: Teacher -> Principal"),
        beyond.get(18).description());
  }

  @Test
  void aRemovalTheHeldPlanDidNotHaveIsBeyondAndNamed() {
    ApprovalCeiling ceiling = ApprovalCeiling.of(plan().gone("A", 2).build());
    Plan now = plan().gone("A", 2).add(remove("E2001", "Lincoln Elementary", true)).build();

    List<ApprovalCeiling.Entry> beyond = ceiling.beyond(now);

    assertEquals(1, beyond.size());
    assertEquals("remove_membership:E2001:s-Lincoln Elementary", beyond.get(0).key());
    assertEquals(
        "remove E2001 <e2001@example.org> from Lincoln Elementary (Teacher)",
        beyond.get(0).description());
  }

  @Test
  void anUpdateToOtherValuesIsBeyondEvenWithTheSameKey() {
    Profile before = new Profile("E1", "Ann", "Lee", "ann@example.org", true);
    Plan held =
        plan()
            .add(
                new UpdateUser(
                    ChangeKind.UPDATE,
                    "u1",
                    "E1",
                    "ann@example.org",
                    before,
                    new Profile("E1", "Ann", "Li", "ann@example.org", true)))
            .build();
    Plan now =
        plan()
            .add(
                new UpdateUser(
                    ChangeKind.UPDATE,
                    "u1",
                    "E1",
                    "ann@example.org",
                    before,
                    new Profile("E1", "Ann", "Lo", "ann@example.org", true)))
            .build();

    List<ApprovalCeiling.Entry> beyond = ApprovalCeiling.of(held).beyond(now);

    assertEquals(1, beyond.size());
    assertEquals(
        "update E1 <ann@example.org>: last name \"Lee\" -> \"Lo\"", beyond.get(0).description());
  }

  @Test
  void theRefusalNamesTheHeldRunAndListsTheDifference() {
    ApprovalCeiling ceiling = ApprovalCeiling.of(plan().build());
    List<ApprovalCeiling.Entry> beyond = ceiling.beyond(plan().gone("B", 3).build());

    String text = ApprovalCeiling.describeRefusal("20261126-173621-9f3a", beyond, 2);

    assertTrue(
        text.startsWith(
            "The approval of run 20261126-173621-9f3a is refused: planned again against Titan as"
                + " it is now, the plan goes beyond what was held by 3 changes"),
        text);
    assertEquals(4, text.lines().count(), text);
    assertTrue(text.endsWith("    ... and 1 more"), text);
  }
}
