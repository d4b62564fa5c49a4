package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.guard.SamplePlans.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Plan;

/** Of all the tripped checks, the one that most likely explains the others leads the verdict. */
class LikelyCauseTest {
  private static final Optional<Baseline> LAST =
      Optional.of(new Baseline("20261101-060000-abcd", 200, List.of("email")));

  private final Plan plan =
      plan().managed(100, 100).rows(50).site("Lincoln", 30, 0).gone("Lincoln", 30).build();
  private final Figures figures = Figures.of(plan, 200);

  private static List<Reason> tripped(Check... checks) {
    return Arrays.stream(checks).map(c -> new Reason(c, "s", "", "", "own cause of " + c)).toList();
  }

  private static FileChecks file(List<String> headers, List<String> format) {
    return new FileChecks(LAST, headers, format, List.of("Lincoln"));
  }

  @Test
  void aChangedLayoutExplainsEverythingElse() {
    assertEquals(
        "The export's columns changed (email read from \"mail\"; delimiter was \",\", now \";\"):"
            + " a changed export layout is the likely cause; check the export job before"
            + " approving.",
        LikelyCause.ofFile(
            plan,
            figures,
            file(List.of("email read from \"mail\""), List.of("delimiter was \",\", now \";\"")),
            tripped(Check.MAX_REMOVALS, Check.VANISHED_SITE, Check.HEADER_CHANGE)));
  }

  @Test
  void aFileCutShortExplainsTheSitesItLeftOut() {
    assertEquals(
        "The file has 25.0% of the rows of the last accepted file (50 of 200, 75.0% fewer): the"
            + " export was most likely cut short, which also left out every row of \"Lincoln\".",
        LikelyCause.ofFile(
            plan,
            figures,
            file(List.of(), List.of()),
            tripped(Check.VANISHED_SITE, Check.MIN_ROWS_PERCENT_OF_LAST, Check.MAX_REMOVALS)));
  }

  @Test
  void aVanishedSiteExplainsItsRemovals() {
    assertEquals(
        "Site \"Lincoln\" has no row in the file (30 managed members in Titan): the export most"
            + " likely left that site out, or it was renamed.",
        LikelyCause.ofFile(
            plan,
            figures,
            file(List.of(), List.of()),
            tripped(Check.MAX_REMOVALS, Check.VANISHED_SITE)));
  }

  @Test
  void otherwiseTheFirstTrippedChecksOwnCauseIsASentence() {
    assertEquals(
        "Own cause of MAX_CREATIONS.",
        LikelyCause.ofFile(
            plan,
            figures,
            file(List.of(), List.of()),
            tripped(Check.MAX_CREATIONS, Check.MAX_PRIVILEGED_CHANGES)));
    assertEquals("", LikelyCause.ofFile(plan, figures, file(List.of(), List.of()), List.of()));
  }

  @Test
  void aRevertsMassRemovalIsWhatUndoingARunDoesWithTheWindowNamed() {
    Window window =
        new Window(
            24,
            List.of(
                new WindowEntry(
                    "20261128-060000-abcd",
                    1_800_000_000L,
                    "",
                    new Tally(7, 2, 0, 0, 0, 0),
                    100,
                    100)));

    assertEquals(
        "Undoing a run takes back what it did: 30 removals and 0 profile updates, with the 7"
            + " removals and 2 updates of earlier runs in the last 24 h, are more than the window"
            + " allows without approval.",
        LikelyCause.ofUndo(figures, window, tripped(Check.MAX_REMOVAL_PERCENT)));
    assertEquals(
        "Own cause of MAX_CREATIONS.",
        LikelyCause.ofUndo(figures, window, tripped(Check.MAX_CREATIONS)));
  }
}
