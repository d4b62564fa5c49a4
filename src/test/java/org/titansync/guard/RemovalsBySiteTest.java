package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Plan;

class RemovalsBySiteTest {
  private final Plan plan =
      plan()
          .managed(200, 300)
          .site("Adams", 20, 18)
          .site("Lincoln", 40, 0)
          .gone("Adams", 1)
          .leftSite("Adams", 2)
          .gone("Lincoln", 40)
          .deactivations(3)
          .build();

  @Test
  void theSiteLosingMostComesFirstAndTheDeactivationsLast() {
    List<SiteRemovals> table = RemovalsBySite.of(plan, true);

    assertEquals(
        List.of("Lincoln", "Adams", Guardrails.DEACTIVATIONS),
        table.stream().map(SiteRemovals::site).toList());
    assertEquals(
        new SiteRemovals(
            "Lincoln",
            40,
            40,
            0,
            "no row in the file names this site: the export probably left it out, or the site"
                + " was renamed"),
        table.get(0));
    assertEquals(
        "3 of its 20 managed members go (15.0%): 1 gone from the file, 2 still in the file but no"
            + " longer at this site",
        table.get(1).cause());
    assertEquals(
        new SiteRemovals(
            Guardrails.DEACTIVATIONS,
            3,
            200,
            18,
            "3 people gone from the file; on_missing = \"deactivate\" sets their accounts"
                + " inactive"),
        table.get(2));
  }

  @Test
  void aRevertSaysItTakesBackWhatTheRevertedRunDid() {
    List<SiteRemovals> table = RemovalsBySite.of(plan, false);

    assertEquals(
        "40 memberships the reverted run added or changed are taken back", table.get(0).cause());
    assertEquals("accounts the reverted run created are set inactive", table.get(2).cause());
  }

  @Test
  void aPlanWithoutRemovalsHasNoTable() {
    assertEquals(List.of(), RemovalsBySite.of(plan().updates(3).build(), true));
  }
}
