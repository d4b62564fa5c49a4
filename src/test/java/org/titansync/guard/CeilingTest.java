package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape every counted check shares: a limit beside what this run and the window measured. */
class CeilingTest {
  private static final Window NO_EARLIER_RUNS = Window.none(24);

  private static Window earlierRun(int removals, int managedUsers, int managedMemberships) {
    return new Window(
        24,
        List.of(
            new WindowEntry(
                "20261128-060000-abcd",
                1_800_000_000L,
                "",
                new Tally(removals, 0, 0, 0, 0, 0),
                managedUsers,
                managedMemberships)));
  }

  @Test
  void aCountAtItsLimitPassesAndOneMoreGoesOver() {
    assertFalse(Ceiling.count(Check.MAX_CREATIONS, 100, new Measure(100, 0, 0, 24)).passed());
    assertTrue(Ceiling.count(Check.MAX_CREATIONS, 100, new Measure(60, 41, 0, 24)).passed());
  }

  @Test
  void aPercentOfNothingManagedOrOfNoChangeNeverGoesOver() {
    assertFalse(
        Ceiling.percentOfAccounts(Check.MAX_CREATION_PERCENT, 50, new Measure(80, 0, 0, 24))
            .passed(),
        "an empty Titan: the percent checks do not apply");
    assertFalse(
        Ceiling.percentOfAccounts(Check.MAX_UPDATE_PERCENT, 0, new Measure(0, 0, 40, 24)).passed(),
        "a limit of 0% holds the first change, not a plan without one");
    assertTrue(
        Ceiling.percentOfAccounts(Check.MAX_UPDATE_PERCENT, 0, new Measure(1, 0, 40, 24)).passed());
  }

  @Test
  void aPercentAtItsLimitPassesAndAboveGoesOver() {
    assertFalse(
        Ceiling.percentOfMemberships(Check.MAX_REMOVAL_PERCENT, 10, new Measure(10, 0, 100, 24))
            .passed());
    assertTrue(
        Ceiling.percentOfMemberships(Check.MAX_REMOVAL_PERCENT, 10, new Measure(11, 0, 100, 24))
            .passed());
  }

  @Test
  void aShareNeverReadsAsMoreThanAHundredPercent() {
    // The window counts 58 role changes against the 55 memberships managed: more than all.
    Ceiling c =
        Ceiling.percentOfMemberships(Check.MAX_ROLE_CHANGE_PERCENT, 20, new Measure(55, 3, 55, 24));
    assertTrue(c.passed());
    assertEquals(", more than all the 55 memberships titan-sync manages in Titan", c.share());
    Reason r = c.reason("s", "of managed memberships change roles", "");
    assertEquals(
        "58 of 55 managed memberships change roles (more than all) in the last 24 h", r.figure());
    assertFalse(r.figure().contains("%"), r.figure());
  }

  @Test
  void aPercentReadsWithItsShareOfWhatTitanSyncManagesAndItsLimitAsConfigured() {
    Ceiling c =
        Ceiling.percentOfAccounts(Check.MAX_CREATION_PERCENT, 25, new Measure(60, 0, 200, 24));

    Reason r = c.reason("The plan creates 60 accounts" + c.share() + c.moreThan(), "new", "why");

    assertEquals(
        "The plan creates 60 accounts, 30.0% of the 200 accounts titan-sync manages in Titan,"
            + " more than max_creation_percent = 25%.",
        r.sentence());
    assertEquals(Check.MAX_CREATION_PERCENT, r.check());
    assertEquals("30.0% new (60 of 200) in this run", r.figure());
    assertEquals("25%", r.limit());
    assertEquals("why", r.cause());
  }

  @Test
  void aCountHasNoShareAndItsLimitIsAWholeNumber() {
    Ceiling c = Ceiling.count(Check.MAX_REMOVALS, 100, new Measure(120, 0, 0, 24));

    assertEquals("", c.share());
    assertEquals(", more than max_removals = 100.", c.moreThan());
    assertEquals("100", c.reason("s", "removals", "").limit());
    assertEquals("120 removals in this run", c.reason("s", "removals", "").figure());
  }

  @Test
  void earlierRunsAddToTheFigureAndTheWindowsLargestTitanIsTheBase() {
    HarmFacts facts =
        new HarmFacts(
            SamplePlans.plan().managed(40, 90).build(),
            new Figures(0, 0, 90, 0, 40, 100, -1),
            Tally.ZERO,
            earlierRun(8, 47, 120),
            true,
            List.of());

    Measure m = facts.ofMemberships(9, facts.earlier().removals());

    assertEquals(17, m.total());
    assertEquals(120, m.base(), "the most memberships titan-sync managed in the window");
    assertEquals("; with the 8 of earlier runs in the last 24 h that is 17", m.windowClause());
    assertEquals(
        "14.2% removed (17 of 120) in the last 24 h",
        Ceiling.percentOfMemberships(Check.MAX_REMOVAL_PERCENT, 10, m)
            .reason("s", "removed", "")
            .figure());
    assertEquals(47, facts.ofAccounts(1, 1).base());
    assertEquals(0, facts.count(1, 1).base(), "a count has no base");
  }

  @Test
  void withoutEarlierRunsTheBaseIsTitanNowAndThereIsNoWindowClause() {
    Measure m = Measure.of(5, 0, 40, 120, NO_EARLIER_RUNS);

    assertEquals(40, m.base());
    assertEquals("", m.windowClause());
    assertEquals(12.5, m.percent());
  }
}
