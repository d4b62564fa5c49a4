package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.roster.Roster;

/**
 * The grace period for people missing from the file: they keep everything until they have been
 * missing from remove_after_missing_runs runs in a row and for remove_after_missing_days days;
 * someone who comes back costs nothing; a person still in the file moves at once.
 */
class PlannerGraceTest {
  private static final Instant JUNE = Instant.parse("2026-06-12T02:00:00Z");

  private static final TitanUser ANN = managed("u1", "E1", "ann@x.org", Map.of("s1", Set.of("r1")));
  private static final TitanUser BOB =
      managed("u2", "E2", "bob@x.org", Map.of("s1", Set.of("r1"), "s2", Set.of("r2")));

  private static final Roster ANN_ONLY =
      roster(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher")));
  private static final Roster BOTH =
      roster(
          person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher")),
          person(
              "E2",
              "bob@x.org",
              at("Lincoln Elementary", 3, "Teacher"),
              at("Washington High", 4, "Staff")));

  private static Plan plan(
      Roster file, Grace grace, Map<String, Missing> missing, Instant now, String runId) {
    return plan(file, grace, missing, now, runId, ANN, BOB);
  }

  private static Plan plan(
      Roster file,
      Grace grace,
      Map<String, Missing> missing,
      Instant now,
      String runId,
      TitanUser... users) {
    return new Planner()
        .plan(
            file,
            snapshot(users),
            options().withGrace(grace),
            Confusables.NONE,
            new RunMemory(Ownership.atFirstRun(), missing, runId, now));
  }

  private static Map<String, Missing> after(Plan plan) {
    Map<String, Missing> next = new HashMap<>();
    plan.keeping().missingAfter().forEach(m -> next.put(m.externalId(), m));
    return next;
  }

  @Test
  void keptAfterOneMissingRunAndRemovedAfterTheSecondWithTwoRuns() {
    Grace twoRuns = new Grace(2, 0);
    Plan first = plan(ANN_ONLY, twoRuns, Map.of(), JUNE, "run-1");

    assertEquals(List.of(), keys(first), "Bob keeps everything for now");
    Missing bob = new Missing("E2", "bob@x.org", JUNE, "run-1", 1);
    assertEquals(List.of(bob), first.keeping().withinGrace());
    assertEquals("missing since 2026-06-12 (run run-1)", bob.sinceWords());

    Plan second = plan(ANN_ONLY, twoRuns, after(first), JUNE.plusSeconds(86_400), "run-2");

    assertEquals(List.of("remove_membership:E2:s1", "remove_membership:E2:s2"), keys(second));
    assertEquals(
        List.of(new Missing("E2", "bob@x.org", JUNE, "run-1", 2)), second.keeping().graceOver());
    assertEquals(List.of(), second.keeping().withinGrace());
  }

  @Test
  void someoneWhoComesBackWithinTheGracePeriodCostsNothing() {
    Grace twoRuns = new Grace(2, 0);
    Plan away = plan(ANN_ONLY, twoRuns, Map.of(), JUNE, "run-1");

    Plan back = plan(BOTH, twoRuns, after(away), JUNE.plusSeconds(3600), "run-2");

    assertEquals(List.of(), keys(back));
    assertEquals(
        List.of(), back.keeping().missingAfter(), "forgotten: a later absence starts anew");
  }

  @Test
  void daysCountFromTheFirstRunThatFoundThemMissing() {
    Grace twoWeeks = new Grace(1, 14);
    Map<String, Missing> since = Map.of("E2", new Missing("E2", "bob@x.org", JUNE, "run-1", 3));

    Plan day13 = plan(ANN_ONLY, twoWeeks, since, JUNE.plus(Duration.ofDays(13)), "run-4");
    Plan day14 = plan(ANN_ONLY, twoWeeks, since, JUNE.plus(Duration.ofDays(14)), "run-4");

    assertEquals(List.of(), keys(day13));
    assertEquals(2, keys(day14).size());
    assertEquals(3, day14.keeping().graceOver().get(0).runs(), "runs past 1 are not counted");
  }

  @Test
  void withBothSetBothMustPass() {
    Grace both = new Grace(3, 1);
    Map<String, Missing> since = Map.of("E2", new Missing("E2", "bob@x.org", JUNE, "run-1", 1));

    // A summer later, but only the second run to find him missing.
    assertEquals(
        List.of(), keys(plan(ANN_ONLY, both, since, JUNE.plus(Duration.ofDays(90)), "run-2")));
  }

  @Test
  void aPersonStillInTheFileMovesSchoolsAtOnce() {
    Roster bobMoves =
        roster(
            person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher")),
            person("E2", "bob@x.org", at("Adams Middle", 3, "Teacher")));

    Plan plan = plan(bobMoves, new Grace(5, 30), Map.of(), JUNE, "run-1");

    assertEquals(
        List.of("set_roles:E2:s3", "remove_membership:E2:s1", "remove_membership:E2:s2"),
        keys(plan));
    assertEquals(List.of(), plan.keeping().missingAfter());
  }

  @Test
  void aMissingPersonWithABadRowIsNotCountedAndKeepsTheirCount() {
    Missing earlier = new Missing("E2", "bob@x.org", JUNE, "run-1", 1);
    Roster badRowForBob =
        Fixtures.roster(
            List.of(person("E1", "ann@x.org", at("Lincoln Elementary", 2, "Teacher"))),
            List.of(new org.titansync.roster.RowError(3, "email", "E2", "not an email")),
            Set.of("E2"),
            Set.of());

    Plan plan = plan(badRowForBob, new Grace(2, 0), Map.of("E2", earlier), JUNE, "run-2");

    assertEquals(List.of(), keys(plan));
    assertEquals(List.of(earlier), plan.keeping().missingAfter(), "counted on later");
  }

  @Test
  void somebodyLongGoneToWhomASiteIsAddedByHandLosesItAtTheNextRunWithNoNewGrace() {
    Grace twoRuns = new Grace(2, 0);
    TitanUser emptied = managed("u3", "E3", "cy@x.org", Map.of());
    Plan first = plan(ANN_ONLY, twoRuns, Map.<String, Missing>of(), JUNE, "run-1", ANN, emptied);
    Plan second = plan(ANN_ONLY, twoRuns, after(first), JUNE, "run-2", ANN, emptied);

    assertEquals(List.of(), first.keeping().withinGrace(), "holding nothing: not listed");
    Missing over = new Missing("E3", "cy@x.org", JUNE, "run-1", 2);
    assertEquals(List.of(over), second.keeping().missingAfter());
    Plan third = plan(ANN_ONLY, twoRuns, after(second), JUNE, "run-3", ANN, emptied);
    assertEquals(List.of(over), third.keeping().missingAfter(), "over: the count stays");

    TitanUser handEdited = managed("u3", "E3", "cy@x.org", Map.of("s2", Set.of("r2")));
    Plan fourth = plan(ANN_ONLY, twoRuns, after(third), JUNE, "run-4", ANN, handEdited);

    assertEquals(List.of("remove_membership:E3:s2"), keys(fourth));
  }

  @Test
  void withoutAGracePeriodAPersonMissingIsRemovedAtOnceAsBefore() {
    Plan plan = plan(ANN_ONLY, Grace.NONE, Map.of(), JUNE, "run-1");

    assertEquals(List.of("remove_membership:E2:s1", "remove_membership:E2:s2"), keys(plan));
  }
}
