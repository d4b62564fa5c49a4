package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.guard.SampleLimits.limits;
import static org.titansync.guard.SamplePlans.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;

class GuardrailsTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");

  /** The defaults of docs/config.md. */
  private static Limits defaults() {
    return limits().build();
  }

  private static Limits removalsOnly() {
    return limits().removalsOnly(true).build();
  }

  private static Optional<Baseline> last(int rows) {
    return Optional.of(new Baseline("20261101-060000-abcd", rows, HEADERS));
  }

  private static Verdict judge(Limits limits, Plan plan, Optional<Baseline> last) {
    return new Guardrails(limits).evaluate(plan, HEADERS, last);
  }

  private static Set<Check> checks(Verdict v) {
    return v.reasons().stream().map(Reason::check).collect(Collectors.toSet());
  }

  @Test
  void theSampleSizedRunIsNotHeldByTheDefaults() {
    // samples/staff.csv against samples/seed.json: 4 removals of 43 managed memberships.
    Plan p =
        plan()
            .managed(33, 43)
            .rows(55)
            .site("Lincoln Elementary", 9, 12)
            .site("Washington Middle School", 10, 13)
            .gone("Lincoln Elementary", 3)
            .leftSite("Washington Middle School", 1)
            .updates(4)
            .links(3)
            .creates("Lincoln Elementary", 11)
            .build();

    Verdict v = judge(defaults(), p, Optional.empty());

    assertFalse(v.held(), v.sentences().toString());
    assertTrue(v.reasons().isEmpty());
    assertTrue(v.heldKeys().isEmpty());
    assertEquals(4, v.figures().totalRemovals());
    assertEquals(4, v.figures().updates(), "links are not counted as updates");
  }

  @Test
  void removalsAboveTheCountAreHeldAndDeactivationsCount() {
    Limits limits =
        limits()
            .maxRemovals(3)
            .maxRemovalPercent(100)
            .maxUpdatePercent(100)
            .minRowsPercentOfLast(0)
            .build();
    Plan p = plan().managed(1000, 1000).site("A", 50, 45).gone("A", 2).deactivations(2).build();

    Verdict v = judge(limits, p, Optional.empty());

    assertTrue(v.held());
    assertEquals(Set.of(Check.MAX_REMOVALS), checks(v));
    assertEquals(
        "The plan makes 4 removals (2 memberships removed, 2 accounts deactivated), more than"
            + " max_removals = 3.",
        v.sentences().get(0));
    assertEquals(p.changes().size(), v.heldKeys().size(), "hold_scope = all holds everything");
  }

  @Test
  void theCountAndPercentLimitsAreCeilingsNotFloors() {
    Limits limits = limits().maxRemovals(4).build();
    Plan atLimit = plan().managed(40, 40).site("A", 40, 36).gone("A", 4).build();
    assertFalse(judge(limits, atLimit, Optional.empty()).held(), "4 of 40 is exactly 10%");

    Plan above = plan().managed(40, 40).site("A", 40, 35).gone("A", 5).build();
    Verdict v = judge(limits, above, Optional.empty());
    assertEquals(Set.of(Check.MAX_REMOVALS, Check.MAX_REMOVAL_PERCENT), checks(v));
    assertTrue(
        v.sentences()
            .get(1)
            .contains(
                "12.5% of the 40 memberships titan-sync manages in Titan, more than"
                    + " max_removal_percent = 10%"),
        v.sentences().get(1));
  }

  @Test
  void massRenamesTripTheUpdatePercentButLinksDoNot() {
    Plan links = plan().managed(10, 20).links(8).build();
    assertFalse(judge(defaults(), links, Optional.empty()).held());

    Plan renames = plan().managed(10, 20).updates(3).build();
    Verdict v = judge(defaults(), renames, Optional.empty());
    assertEquals(Set.of(Check.MAX_UPDATE_PERCENT), checks(v));
    assertEquals(
        "The plan changes the name, email or status of 3 people, 30.0% of the 10 accounts"
            + " titan-sync manages in Titan, more than max_update_percent = 20%.",
        v.sentences().get(0));
    assertTrue(v.likelyCause().contains("columns are not shifted"), v.likelyCause());
  }

  @Test
  void aFileWithSixtyPercentOfTheRowsIsHeldAndTheCauseSaysItShrank() {
    Plan p = plan().rows(33).managed(500, 1000).site("A", 100, 60).gone("A", 5).build();

    Verdict v = judge(defaults(), p, last(55));

    assertEquals(Set.of(Check.MIN_ROWS_PERCENT_OF_LAST), checks(v));
    assertEquals(
        "The file has 33 data rows, 60.0% of the 55 in the last accepted file (run"
            + " 20261101-060000-abcd): it shrank by 40.0%, below min_rows_percent_of_last = 80%.",
        v.sentences().get(0));
    assertEquals(
        "The file has 60.0% of the rows of the last accepted file (33 of 55, 40.0% fewer): the"
            + " export was most likely cut short.",
        v.likelyCause());
    assertEquals(55, v.figures().lastDataRows());
  }

  @Test
  void minRowsPercentZeroTurnsTheRowCheckOff() {
    Limits off = limits().minRowsPercentOfLast(0).build();
    Plan p = plan().rows(1).build();
    assertFalse(judge(off, p, last(1000)).held());
  }

  @Test
  void theFirstRunSkipsTheComparisonsWithTheLastFileButNotTheOthers() {
    Plan tiny = plan().rows(3).build();
    Verdict first = new Guardrails(defaults()).evaluate(tiny, List.of("email"), Optional.empty());
    assertFalse(first.held(), "no last file: no row or header comparison");

    Plan vanished = plan().rows(3).site("Lincoln Elementary", 9, 0).build();
    Verdict v = new Guardrails(defaults()).evaluate(vanished, List.of("email"), Optional.empty());
    assertEquals(Set.of(Check.VANISHED_SITE), checks(v));
  }

  @Test
  void aVanishedSiteIsHeldAndItsRemovalsComeFirstWithTheCause() {
    Plan p =
        plan()
            .managed(1000, 1000)
            .site("Lincoln Elementary", 9, 0)
            .site("Roosevelt High School", 12, 12)
            .gone("Lincoln Elementary", 9)
            .leftSite("Roosevelt High School", 1)
            .build();

    Verdict v = judge(defaults(), p, last(100));

    assertEquals(Set.of(Check.VANISHED_SITE), checks(v));
    assertEquals(
        "Site \"Lincoln Elementary\" has 9 members titan-sync manages in Titan but no row in the"
            + " file names it; the plan removes 9 memberships there (hold_on_vanished_site ="
            + " true).",
        v.sentences().get(0));
    SiteRemovals top = v.removalsBySite().get(0);
    assertEquals("Lincoln Elementary", top.site());
    assertEquals(9, top.removals());
    assertEquals(9, top.managedMembers());
    assertEquals(0, top.fileMembers());
    assertTrue(top.cause().startsWith("no row in the file names this site"), top.cause());
    SiteRemovals other = v.removalsBySite().get(1);
    assertEquals(
        "1 of its 12 managed members go (8.3%): 0 gone from the file, 1 still in the file but no"
            + " longer at this site",
        other.cause());
    assertTrue(
        v.likelyCause().startsWith("Site \"Lincoln Elementary\" has no row"), v.likelyCause());
  }

  @Test
  void aSiteWithNoManagedMembersDoesNotVanish() {
    Plan p = plan().site("Garfield Annex", 0, 0).build();
    assertFalse(judge(defaults(), p, last(100)).held());
  }

  @Test
  void vanishedSitesCanBeAllowed() {
    Limits allow =
        limits()
            .maxRemovalPercent(100)
            .maxUpdatePercent(100)
            .minRowsPercentOfLast(0)
            .holdOnVanishedSite(false)
            .build();
    Plan p = plan().site("Lincoln Elementary", 9, 0).gone("Lincoln Elementary", 9).build();
    assertFalse(judge(allow, p, last(100)).held());
  }

  @Test
  void aChangedHeaderIsHeldNamingTheColumnsButCaseAndSpacesAreNoChange() {
    Plan p = plan().build();
    List<String> renamed =
        List.of("external_id", "first_name", "last_name", "email", "school", "role_names");

    Verdict v = new Guardrails(defaults()).evaluate(p, renamed, last(100));
    assertEquals(Set.of(Check.HEADER_CHANGE), checks(v));
    assertEquals(
        "The columns mean something else than in the last accepted file (run"
            + " 20261101-060000-abcd): site_name was read from \"site_name\", now from no column"
            + " (hold_on_header_change = true).",
        v.sentences().get(0));
    assertTrue(v.likelyCause().startsWith("The export's columns changed"), v.likelyCause());

    List<String> sameSet =
        List.of(" Email", "EXTERNAL_ID", "first_name", "last_name", "role_names", "site_name");
    assertFalse(new Guardrails(defaults()).evaluate(p, sameSet, last(100)).held());
  }

  @Test
  void theLikelyCauseOfACutShortFileIsTheShrinkEvenWhenSitesVanishWithIt() {
    Plan p =
        plan().rows(60).managed(90, 90).site("A", 40, 40).site("Z", 30, 0).gone("Z", 30).build();

    Verdict v = judge(defaults(), p, last(100));

    assertEquals(
        Set.of(Check.VANISHED_SITE, Check.MIN_ROWS_PERCENT_OF_LAST, Check.MAX_REMOVAL_PERCENT),
        checks(v));
    assertEquals(
        "The file has 60.0% of the rows of the last accepted file (60 of 100, 40.0% fewer): the"
            + " export was most likely cut short, which also left out every row of \"Z\".",
        v.likelyCause());
  }

  @Test
  void manyPeopleGoneIsNamedAsTheCauseOfTooManyRemovals() {
    Plan p = plan().managed(100, 100).site("A", 50, 30).site("B", 50, 50).gone("A", 20).build();
    Verdict v = judge(defaults(), p, last(100));
    assertEquals(
        "20 people are gone from the file at once (20 removals over 1 site): check that the export"
            + " is complete before approving.",
        v.likelyCause());
  }

  @Test
  void holdScopeRemovalsHoldsOnlyTheRemovalsAndDeactivations() {
    Plan p =
        plan()
            .managed(100, 100)
            .site("A", 60, 20)
            .gone("A", 40)
            .deactivations(2)
            .creates("A", 5)
            .updates(2)
            .roleChanges("A", 3)
            .build();

    Verdict v = new Guardrails(removalsOnly()).evaluate(p, HEADERS, last(100));

    assertTrue(v.held());
    assertTrue(v.removalsOnly());
    for (Change c : p.changes()) {
      assertEquals(Guardrails.isRemoval(c), v.holds(c), c.key());
    }
    assertEquals(42, v.heldKeys().size());
  }

  @Test
  void holdScopeRemovalsAlsoHoldsTheUpdatesWhenTheUpdateLimitTripped() {
    Plan p = plan().managed(10, 100).creates("A", 2).updates(5).build();

    Verdict v = new Guardrails(removalsOnly()).evaluate(p, HEADERS, last(100));

    assertEquals(Set.of(Check.MAX_UPDATE_PERCENT), checks(v));
    for (Change c : p.changes()) {
      assertEquals(Guardrails.isUpdate(c), v.holds(c), c.key());
    }
  }

  @Test
  void anUndoIsCheckedOnlyForRemovalsAndUpdates() {
    // A revert plan has no file: every site looks empty, and that is no reason to hold.
    Plan small = plan().rows(0).site("A", 50, 0).gone("A", 2).managed(100, 100).build();
    assertFalse(new Guardrails(defaults()).evaluateUndo(small).held());

    Plan big = plan().rows(0).site("A", 50, 0).leftSite("A", 20).managed(100, 100).build();
    Verdict v = new Guardrails(defaults()).evaluateUndo(big);
    assertEquals(Set.of(Check.MAX_REMOVAL_PERCENT), checks(v));
    assertTrue(v.likelyCause().startsWith("Undoing a run takes back what it did"), v.likelyCause());
  }

  @Test
  void anEmptyTitanSkipsThePercentChecks() {
    Plan p = plan().managed(0, 0).creates("A", 50).build();
    assertFalse(judge(defaults(), p, Optional.empty()).held());
  }

  @Test
  void percentsAndLimitsReadAsPeopleWriteThem() {
    assertEquals("12.5%", Guardrails.pct(12.5));
    assertEquals("60.0%", Guardrails.pct(60));
    assertEquals("10%", Guardrails.limit(10.0));
    assertEquals("12.5%", Guardrails.limit(12.5));
    assertEquals("1 person", Guardrails.people(1, "person"));
    assertEquals("3 managed members", Guardrails.people(3, "managed member"));
  }
}
