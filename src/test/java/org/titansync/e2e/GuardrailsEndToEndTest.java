package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardrails through the real command line against the sandbox: a broken export is held with
 * nothing written and a report that says why; approve applies it once, within what was held.
 */
class GuardrailsEndToEndTest {
  @TempDir Path dir;

  /** The sample's first run applies with the default guardrails (the README's quick start). */
  private static String applySample(CliHarness h) {
    CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.lastLine().contains("applied"), first.lastLine());
    return first.runId();
  }

  @Test
  void aFileWithSixtyPercentOfTheRowsIsHeldWithZeroWritesAndApproveThenAppliesIt()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      Path cut = h.sampleWith("cut.csv", (i, row) -> i < 33); // 33 of 55 rows
      List<Map<String, Object>> before = h.sandbox().users();
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", cut.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "a held run writes nothing");
      assertEquals(before, h.sandbox().users());
      Path run = h.runDir(held.runId());
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals("held", result.get("status"));
      assertEquals(3, result.get("exit_code"));
      String reasons = String.valueOf(result.get("hold_reasons"));
      assertTrue(reasons.contains("The file has 33 data rows, 60.0% of the 55"), reasons);
      assertTrue(reasons.contains("max_removal_percent = 10%"), reasons);
      String report = Files.readString(run.resolve("report.txt"));
      assertTrue(
          report.contains(
              "Likely cause: The file has 60.0% of the rows of the last accepted file (33 of 55,"
                  + " 40.0% fewer): the export was most likely cut short, which also left out"
                  + " every row of \"District Office\"."),
          report);
      assertTrue(report.contains("Leaving, by school"), report);
      // The likely cause comes first, before the per-site detail.
      assertTrue(report.indexOf("Likely cause:") < report.indexOf("Leaving, by school"), report);
      assertTrue(
          report.contains("  District Office: 6; 6 in Titan; 0 in the file: no row in the file"),
          report);
      assertTrue(report.contains("titan-sync approve " + held.runId()), report);
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(html.contains("<strong>Likely cause:</strong> The file has 60.0%"), html);
      Map<String, Object> hold = CliHarness.readJson(run.resolve("hold.json"));
      // The District Office left out takes the only Superintendent with it.
      assertEquals(
          List.of(
              "hold_on_vanished_site",
              "min_rows_percent_of_last",
              "max_removal_percent",
              "hold_on_last_privileged_holder"),
          hold.get("checks"));

      // A dry run of the approval shows what it would apply and writes nothing.
      long writesBefore = h.sandbox().writeCount();
      CliHarness.Result preview = h.run("approve", held.runId(), "--dry-run");
      assertEquals(0, preview.exit(), preview.out() + preview.err());
      assertTrue(preview.lastLine().contains("would make 22 changes"), preview.lastLine());
      assertEquals(
          writesBefore, h.sandbox().writeCount(), "a dry run of an approval writes nothing");
      assertFalse(Files.exists(run.resolve("approval.json")), "a dry run approves nothing");

      CliHarness.Result approved = h.run("approve", held.runId());

      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertTrue(approved.lastLine().contains("applied 22 changes"), approved.lastLine());
      assertTrue(h.sandbox().writeCount() > 0);
      assertTrue(CliHarness.siteIds(h.user("E1029")).isEmpty(), "E1029 left the file");
      Map<String, Object> approval = CliHarness.readJson(run.resolve("approval.json"));
      assertEquals(System.getProperty("user.name"), approval.get("approved_by"));
      assertEquals(approved.runId(), approval.get("approval_run_id"));
      assertNotNull(approval.get("host"));
      assertNotNull(approval.get("approved_at"));

      CliHarness.Result again = h.run("approve", held.runId());
      assertEquals(3, again.exit(), again.out() + again.err());
      assertTrue(again.err().contains("was already approved by"), again.err());

      // The approved file is now the last accepted one: the same file again has nothing to do.
      CliHarness.Result same = h.run("sync", cut.toString());
      assertEquals(0, same.exit(), same.out() + same.err());
      assertTrue(same.lastLine().contains("nothing to do"), same.lastLine());
    }
  }

  @Test
  void anApprovalAfterTitanChangedUnderneathIsRefusedWithTheDifference() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      CliHarness.Result held =
          h.run("sync", h.sampleWith("cut.csv", (i, row) -> i < 33).toString());
      assertEquals(3, held.exit(), held.out() + held.err());
      // Someone adds a managed person in Titan who is not in the file: the new plan removes them.
      h.sandbox()
          .seedUser(
              "E9001", "Nora", "Late", "nora.late@mvusd.org", Map.of("s_01", List.of("r_01")));
      h.sandbox().resetCounters();

      CliHarness.Result refused = h.run("approve", held.runId());

      assertEquals(3, refused.exit(), refused.out() + refused.err());
      assertEquals(0, h.sandbox().writeCount(), "a refused approval writes nothing");
      assertTrue(
          refused.out().contains("The approval of run " + held.runId() + " is refused"),
          refused.out());
      assertTrue(
          refused.out().contains("+ remove E9001 <nora.late@mvusd.org> from Lincoln Elementary"),
          refused.out());
      assertFalse(Files.exists(h.runDir(held.runId()).resolve("approval.json")));
      assertEquals(List.of("s_01"), CliHarness.siteIds(h.user("E9001")));

      // The refused attempt is itself a held run with the plan as it is now: approving it applies.
      CliHarness.Result retry = h.run("approve", refused.runId());
      assertEquals(0, retry.exit(), retry.out() + retry.err());
      assertTrue(CliHarness.siteIds(h.user("E9001")).isEmpty());
    }
  }

  @Test
  void aSiteThatVanishedFromTheFileIsHeld() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // Only the vanished-site check is left to trip.
      h.extraConfig(
          """
          [guardrails]
          max_removals = 1000
          max_removal_percent = 100
          min_rows_percent_of_last = 0
          """);
      applySample(h);
      Path noJefferson =
          h.sampleWith("no-jefferson.csv", (i, row) -> !row.contains(",Jefferson Elementary,"));
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", noJefferson.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      @SuppressWarnings("unchecked")
      List<String> reasons = (List<String>) result.get("hold_reasons");
      assertEquals(1, reasons.size(), reasons.toString());
      assertTrue(
          reasons.get(0).startsWith("Site \"Jefferson Elementary\" has 11 members titan-sync"),
          reasons.get(0));
      String report = Files.readString(h.runDir(held.runId()).resolve("report.txt"));
      assertTrue(
          report.contains("Likely cause: Site \"Jefferson Elementary\" has no row in the file"),
          report);
    }
  }

  @Test
  void holdScopeRemovalsCreatesTheNewPeopleAndHoldsTheRemovals() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[guardrails]\nhold_scope = \"removals\"\n");
      applySample(h);
      Path cutPlusNew =
          h.sampleWith(
              "cut-plus-new.csv",
              (i, row) -> i < 33,
              "E5001,Ada,Newhire,ada.newhire@mvusd.org,Lincoln Elementary,Teacher",
              "E5002,Bo,Newhire,bo.newhire@mvusd.org,Roosevelt High School,Nurse");

      CliHarness.Result held = h.run("sync", cutPlusNew.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertTrue(held.lastLine().contains("remove_membership 22 held"), held.lastLine());
      assertTrue(held.lastLine().contains("applied the rest (create 2/2)"), held.lastLine());
      assertEquals(List.of("s_01"), CliHarness.siteIds(h.user("E5001")));
      assertEquals(List.of("s_03"), CliHarness.siteIds(h.user("E5002")));
      assertEquals(List.of("s_05"), CliHarness.siteIds(h.user("E1029")), "removal held");
      Path run = h.runDir(held.runId());
      assertEquals("held", CliHarness.readJson(run.resolve("result.json")).get("status"));
      for (String line : Files.readAllLines(h.logs().resolve("audit.jsonl"))) {
        if (line.contains(held.runId())) {
          assertFalse(line.contains("\"remove_membership\""), line);
        }
      }
      String report = Files.readString(run.resolve("report.txt"));
      assertTrue(
          report.contains(
              "Only the held changes wait for approval (hold_scope = \"removals\"): the other"
                  + " changes were made."),
          report);

      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertTrue(approved.lastLine().contains("remove_membership 22/22"), approved.lastLine());
      assertTrue(CliHarness.siteIds(h.user("E1029")).isEmpty());
    }
  }

  @Test
  void deactivationsCountAsRemovalsAndProtectedPeopleAndRolesAreKept() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig(
          """
          [sync]
          on_missing = "deactivate"
          protected_roles = ["Superintendent"]
          protected_emails = ["Harold.Finch@mvusd.org"]
          [guardrails]
          max_removals = 3
          max_removal_percent = 100
          """);
      // E1029 (the superintendent) left the file; E0901..E0903 are in Titan but not the sample.
      Path file = h.sampleWith("staff.csv", (i, row) -> !row.startsWith("E1029,"));

      CliHarness.Result held = h.run("sync", file.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      Map<String, Object> plan = CliHarness.readJson(h.runDir(held.runId()).resolve("plan.json"));
      assertTrue(
          String.valueOf(plan.get("counts")).contains("kind=deactivate, planned=2"),
          plan.get("counts").toString());
      assertTrue(
          held.out()
              .contains(
                  "The plan makes 5 removals (3 memberships removed, 2 accounts deactivated),"
                      + " more than max_removals = 3."),
          held.out());

      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());

      Map<String, Object> gone = h.user("E0902");
      assertEquals("inactive", gone.get("status"));
      assertTrue(CliHarness.siteIds(gone).isEmpty());
      Map<String, Object> superintendent = h.user("E1029");
      assertEquals(List.of("s_05"), CliHarness.siteIds(superintendent), "protected role kept");
      assertEquals("active", superintendent.get("status"), "protected role: never deactivated");
      Map<String, Object> protectedPerson = h.user("E0901");
      assertEquals("active", protectedPerson.get("status"), "protected email never touched");
      assertFalse(CliHarness.siteIds(protectedPerson).isEmpty());
    }
  }
}
