package org.titansync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Keeping;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;
import org.titansync.roster.RowError;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownTime;
import org.titansync.store.StateFolder;

/**
 * The reports in people's words: every line names the person, one section per school (a person at
 * two schools under each), no technical kinds, right plurals, the input where it can still be
 * found.
 */
class ReportWordsTest {
  @TempDir Path logs;

  private static Membership at(String site, String... roles) {
    return new Membership("s-" + site.length(), site, List.of(roles), List.of(roles));
  }

  private static RunSummary run(RunStatus status, List<Change> changes, List<RowError> errors) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("E1", "Maria Gonzalez");
    names.put("E2", "Tom Riley");
    Plan plan =
        new Plan(
            changes,
            errors,
            List.of(),
            new PlanStats(3, 3, 2, 2, Map.of(), Map.of()),
            Keeping.NONE,
            names);
    Map<String, ChangeOutcome> outcomes = new LinkedHashMap<>();
    if (status == RunStatus.APPLIED) {
      changes.forEach(
          c -> outcomes.put(c.key(), new ChangeOutcome(ChangeOutcome.State.DONE, 200, 1, null)));
    }
    return new RunSummary(
        "20261126-173621-9f3a",
        "/srv/titan-sync/inbox/staff.csv",
        "2026-11-26T17:36:21+01:00",
        "2026-11-26T17:36:25+01:00",
        status,
        false,
        plan,
        outcomes,
        status == RunStatus.HELD ? List.of("held") : List.of(),
        "applied 1 changes (remove_membership 1/1)",
        List.of());
  }

  @Test
  void everyLineNamesThePersonAtEachOfTheirSchoolsWithoutTechnicalKinds() throws Exception {
    List<Change> changes =
        List.of(
            new RemoveMembership(
                "u1",
                "E1",
                "maria@x.org",
                "s-18",
                "Lincoln Elementary",
                at("Lincoln Elementary", "Principal"),
                true),
            new CreateUser(
                "E3",
                "Ann",
                "Lee",
                "ann@x.org",
                List.of(at("Adams Elementary", "Teacher"), at("Bryant Elementary", "Coach")),
                List.of(4)),
            new SetRoles(
                "u2",
                "E2",
                "tom@x.org",
                "s-16",
                "Adams Elementary",
                List.of("Teacher"),
                List.of("Teacher"),
                at("Adams Elementary", "Principal", "Teacher")),
            new UpdateUser(
                ChangeKind.UPDATE,
                "u2",
                "E2",
                "tom@x.org",
                new Profile("E2", "Tom", "Riley", "tom@old.org", true),
                new Profile("E2", "Tom", "Riley", "tom@x.org", true)));
    RunSummary s =
        run(
            RunStatus.APPLIED,
            changes,
            List.of(
                new RowError(
                    7,
                    "site_name",
                    "E9",
                    "unknown site \"Riverveiw Elementary\"",
                    "Sam Park",
                    "sam@x.org")));
    StateFolder store = new StateFolder(logs);
    Path dir = store.create(s.runId());
    Files.writeString(dir.resolve("input.csv"), "copy");
    new ReportWriter().writeResult(store, dir, s);
    String text = Files.readString(dir.resolve("report.txt"));
    String html = Files.readString(dir.resolve("report.html"));

    assertTrue(
        text.contains(
            "Lincoln Elementary: 1 change for 1 person\n"
                + "  - Maria Gonzalez leaves Lincoln Elementary (Principal): no longer in the"
                + " export [done]"),
        text);
    // A new person at two schools is under each, never under a heading joining the two.
    assertTrue(
        text.contains("  - Ann Lee gets a new account and joins Adams Elementary as Teacher"),
        text);
    assertTrue(
        text.contains("  - Ann Lee gets a new account and joins Bryant Elementary as Coach"), text);
    assertFalse(text.contains("Adams Elementary, Bryant Elementary"), text);
    assertTrue(
        text.contains(
            "  - Tom Riley changes roles at Adams Elementary: Teacher becomes Principal and"
                + " Teacher [done]"),
        text);
    assertTrue(
        text.contains(
            "Accounts (every school): 1 change for 1 person\n"
                + "  - Tom Riley's email changes from \"tom@old.org\" to \"tom@x.org\" [done]"),
        text);
    assertTrue(
        text.contains(
            "  - line 7, Sam Park (E9, sam@x.org) [site_name]: unknown site \"Riverveiw"
                + " Elementary\""),
        text);
    for (String report : List.of(text, html)) {
      for (String code :
          List.of("set_roles", "remove_membership", "(profile)", "1 changes", "held Principal")) {
        assertFalse(report.contains(code), code + " in\n" + report);
      }
      assertTrue(report.contains("APPLIED"), "the outcome at a glance");
      assertTrue(report.contains("4 changes (1 new account, 1 account updated"), report);
      // Input: the run's own copy, which outlives the inbox path.
      assertTrue(
          report.contains(dir.resolve("input.csv") + " (the copy this run read of staff.csv)"),
          report);
    }
    assertTrue(html.contains("class=\"banner ok\""), "green for applied");
    assertTrue(text.contains("BY SCHOOL (3 schools)"), text);
    assertTrue(text.contains("ROWS SKIPPED (1 row;"), text);
  }

  @Test
  void aHeldReportSaysTheLikelyCauseBeforeTheDetailAndLooksUnlikeAnAppliedOne() throws Exception {
    RunSummary s =
        run(
            RunStatus.HELD,
            List.of(
                new RemoveMembership(
                    "u1",
                    "E1",
                    "maria@x.org",
                    "s-18",
                    "Lincoln Elementary",
                    at("Lincoln Elementary", "Principal"),
                    true)),
            List.of());
    Map<String, Object> model = ReportModel.of(s);
    assertEquals("HELD", model.get("statusWord"));
    assertEquals("held", model.get("tone"));
    String html = new ReportWriter().renderReport(model);
    assertTrue(html.contains("class=\"banner held\""), html);
    assertTrue(html.contains("waits for approval"), html);
    assertTrue(html.indexOf("id=\"held\"") < html.indexOf("id=\"schools\""), "cause first");
  }

  @Test
  void timesAreShownInTheMachinesZoneWithTheZoneNamed() {
    assertEquals(
        "2026-11-26 17:36:21 Europe/Paris",
        ShownTime.of("2026-11-26T16:36:21Z", ZoneId.of("Europe/Paris")));
    assertEquals(
        "2026-11-26 16:36:21 UTC", ShownTime.of("2026-11-26T17:36:21+01:00", ZoneId.of("UTC")));
    assertEquals(
        "2026-11-26 16:36:21 UTC",
        ShownTime.of("2026-11-26T16:36:21.123456789Z", ZoneId.of("Etc/UTC")));
  }

  @Test
  void countsAreSingularAndPluralAsPeopleSayThem() {
    assertEquals("1 change", Plural.of(1, "change"));
    assertEquals("0 changes", Plural.of(0, "change"));
    assertEquals("1 person", Plural.people(1));
    assertEquals("3 people", Plural.people(3));
    assertEquals("1 departure from a school", KindWords.counted("remove_membership", 1));
    assertEquals("2 departures from schools", KindWords.counted("remove_membership", 2));
  }
}
