package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.UpdateUser;

/**
 * A revert's removal figure (an account deactivated with its memberships counts by those
 * memberships, so the figure never passes 100%) and the window a revert is judged with.
 */
class RevertGuardTest {
  private static final long NOW = 1_800_000_000L;

  private static Guardrails defaults() {
    return new Guardrails(limits().build());
  }

  /**
   * The undo, with --delete-created, of a killed run that created 14 people with 16 memberships
   * (two of them at two sites): every membership removed and every account set inactive.
   */
  private static Plan undoOfCreated() {
    SamplePlans p = plan().rows(0).managed(14, 16).site("A", 14, 0).site("B", 2, 0);
    for (int i = 0; i < 14; i++) {
      String id = "C" + i;
      p.add(removal(id, "A"));
      if (i < 2) {
        p.add(removal(id, "B"));
      }
      Profile on = new Profile(id, "New", "Hire", id + "@example.org", true);
      Profile off = new Profile(id, "New", "Hire", id + "@example.org", false);
      p.add(new UpdateUser(ChangeKind.DEACTIVATE, "u-" + id, id, id + "@example.org", on, off));
    }
    return p.build();
  }

  private static RemoveMembership removal(String id, String site) {
    return new RemoveMembership(
        "u-" + id,
        id,
        id + "@example.org",
        "s-" + site,
        site,
        new Membership("s-" + site, site, List.of("r1"), List.of("Teacher")),
        false);
  }

  @Test
  void undoingCreatedPeopleMeasuresEachMembershipOnceAndNeverPasses100Percent() {
    Verdict v = defaults().evaluateUndo(undoOfCreated());
    assertTrue(v.held());
    Reason percent =
        v.reasons().stream()
            .filter(r -> r.check() == Check.MAX_REMOVAL_PERCENT)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "The plan makes 30 removals (16 memberships removed, 14 accounts deactivated), 100.0% of"
            + " the 16 memberships titan-sync manages in Titan (the 14 accounts deactivated are"
            + " counted by the memberships they lose), more than max_removal_percent = 10%.",
        percent.sentence());
    assertEquals("100.0% of managed memberships removed (16 of 16) in this run", percent.figure());
    assertEquals(30, v.figures().totalRemovals(), "max_removals still counts every removal");
  }

  @Test
  void anAccountDeactivatedWithoutLosingAMembershipStillCountsOne() {
    Plan p = plan().managed(100, 100).site("A", 100, 90).deactivations(11).build();
    Verdict v = defaults().evaluateUndo(p);
    assertEquals(
        "The plan makes 11 removals (0 memberships removed, 11 accounts deactivated), 11.0% of the"
            + " 100 memberships titan-sync manages in Titan, more than max_removal_percent = 10%.",
        v.reasons().get(0).sentence());
  }

  private static WindowEntry earlier(String runId, int removals) {
    return new WindowEntry(runId, NOW - 3600, "", new Tally(removals, 0, 0, 0, 0, 0), 100, 100);
  }

  /** An undo that removes 6 of 100 managed memberships: alone it stays under 10%. */
  private static Plan smallUndo() {
    return plan().rows(0).managed(100, 100).site("A", 100, 0).leftSite("A", 6).build();
  }

  @Test
  void aRevertAloneUnderTheLimitsGoesAhead() {
    assertFalse(defaults().evaluateUndo(smallUndo(), List.of(), Window.none(24)).held());
  }

  @Test
  void aRevertIsJudgedWithTheRemovalsOfEarlierRunsInTheWindow() {
    Window w = Window.of(24, List.of(earlier("20261129-050000-aaaa", 8)), NOW);
    Verdict v = defaults().evaluateUndo(smallUndo(), List.of(), w);
    assertTrue(v.held());
    assertEquals(List.of("max_removal_percent"), v.checks());
    assertTrue(
        v.sentences().get(0).contains("; with the 8 of earlier runs in the last 24 h that is 14"),
        v.sentences().get(0));
    assertTrue(
        v.likelyCause()
            .contains("with the 8 removals and 0 updates of earlier runs in the last 24 h"),
        v.likelyCause());
  }

  @Test
  void theRunARevertUndoesIsLeftOutOfItsWindow() {
    Window w =
        Window.of(
                24,
                List.of(earlier("20261129-050000-aaaa", 3), earlier("20261129-060000-bbbb", 8)),
                NOW)
            .without("20261129-060000-bbbb");
    assertEquals(1, w.entries().size());
    Verdict v = defaults().evaluateUndo(smallUndo(), List.of(), w);
    assertFalse(v.held(), "6 + 3 of 100 is 9%: " + v.sentences());
  }
}
