package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `revert RUN_ID` through the real command line: Titan goes back to its state before the run. */
class RevertEndToEndTest {
  @TempDir Path dir;

  @Test
  void revertOfAnAppliedRunRestoresTitanToItsStateBeforeThatRun() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // Two people who trade email addresses in the file: the sync moves them through phase 0.
      h.sandbox()
          .seedUser("E7001", "Sam", "Swap", "sam.a@mvusd.org", Map.of("s_01", List.of("r_01")));
      h.sandbox()
          .seedUser("E7002", "Alex", "Swap", "alex.b@mvusd.org", Map.of("s_01", List.of("r_01")));
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> true,
              "E7001,Sam,Swap,alex.b@mvusd.org,Lincoln Elementary,Teacher",
              "E7002,Alex,Swap,sam.a@mvusd.org,Lincoln Elementary,Teacher");
      Map<String, Map<String, Object>> before =
          CliHarness.usersWithoutTimes(h.sandbox().exportState());

      CliHarness.Result sync = h.run("sync", file.toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());
      assertEquals("alex.b@mvusd.org", h.user("E7001").get("email"));
      List<String> created = created(h, sync.runId());
      assertEquals(11, created.size());
      assertTrue(Files.exists(h.logs().resolve("last-accepted.json")));

      h.sandbox().resetCounters();
      CliHarness.Result dry = h.run("revert", sync.runId(), "--dry-run");
      assertEquals(0, dry.exit(), dry.out() + dry.err());
      assertTrue(dry.lastLine().contains("dry run: would make"), dry.lastLine());
      assertEquals(0, h.sandbox().writeCount(), "a dry-run revert writes nothing");

      CliHarness.Result revert = h.run("revert", sync.runId());

      assertEquals(0, revert.exit(), revert.out() + revert.err());
      assertTrue(
          revert.out().contains("11 people that run created are kept; revert with"), revert.out());
      Map<String, Map<String, Object>> after =
          CliHarness.usersWithoutTimes(h.sandbox().exportState());
      for (Map.Entry<String, Map<String, Object>> u : before.entrySet()) {
        assertEquals(u.getValue(), after.get(u.getKey()), "user " + u.getKey());
      }
      for (String externalId : created) {
        assertFalse(CliHarness.siteIds(h.user(externalId)).isEmpty(), externalId + " kept");
      }
      assertFalse(
          Files.exists(h.logs().resolve("last-accepted.json")),
          "the undone file is no longer the one the next run is measured against");

      // Taking back the created people too removes 22 at once: the undo is guarded like a sync.
      CliHarness.Result all = h.run("revert", sync.runId(), "--delete-created");
      assertEquals(3, all.exit(), all.out() + all.err());
      assertTrue(all.out().contains("max_removal_percent"), all.out());
      CliHarness.Result approved = h.run("approve", all.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertTrue(
          approved.lastLine().contains("remove_membership 11/11, deactivate 11/11"),
          approved.lastLine());

      Map<String, Map<String, Object>> undone =
          CliHarness.usersWithoutTimes(h.sandbox().exportState());
      for (Map.Entry<String, Map<String, Object>> u : before.entrySet()) {
        assertEquals(u.getValue(), undone.get(u.getKey()), "user " + u.getKey());
      }
      for (String externalId : created) {
        Map<String, Object> u = h.user(externalId);
        assertEquals("inactive", u.get("status"), externalId);
        assertTrue(CliHarness.siteIds(u).isEmpty(), externalId);
      }
    }
  }

  @Test
  void revertLeavesAPersonProtectedNowUntouched() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.sandbox()
          .seedUser("E7001", "Sam", "Boss", "sam.a@mvusd.org", Map.of("s_01", List.of("r_01")));
      h.sandbox()
          .seedUser("E7002", "Alex", "Clerk", "alex.b@mvusd.org", Map.of("s_01", List.of("r_01")));
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> true,
              "E7001,Samuel,Boss,sam.a@mvusd.org,Lincoln Elementary,Teacher",
              "E7002,Alexandra,Clerk,alex.b@mvusd.org,Lincoln Elementary,Teacher");
      CliHarness.Result sync = h.run("sync", file.toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());
      assertEquals("Samuel", h.user("E7001").get("first_name"));

      // Sam is made protected after the run: protected means untouched, by an undo too.
      h.extraConfig("[sync]\nprotected_emails = [\"Sam.A@mvusd.org\"]\n");
      CliHarness.Result revert = h.run("revert", sync.runId());

      assertEquals(0, revert.exit(), revert.out() + revert.err());
      assertEquals("Samuel", h.user("E7001").get("first_name"), "protected: not undone");
      assertEquals("Alex", h.user("E7002").get("first_name"), "the others are undone");
      assertTrue(
          revert
              .out()
              .contains("E7001 (sam.a@mvusd.org): protected now, so nothing of it is undone."),
          revert.out());
    }
  }

  @Test
  void revertLeavesWhatTitanChangedSinceAndSaysSo() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result sync = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());
      // After the run, a person edits two things in Titan's console.
      Map<String, Object> state = h.sandbox().exportState();
      for (Map<String, Object> u : users(state)) {
        if ("E1013".equals(u.get("external_id"))) {
          u.put("last_name", "Rossi-Verdi");
        }
        if ("E1018".equals(u.get("external_id"))) {
          u.put("memberships", List.of(Map.of("site_id", "s_03", "role_ids", List.of("r_02"))));
        }
      }
      h.sandbox().importState(state);

      CliHarness.Result revert = h.run("revert", sync.runId());

      assertEquals(0, revert.exit(), revert.out() + revert.err());
      String note =
          "profile left as it is, Titan changed it since (last name is now \"Rossi-Verdi\", the"
              + " run left \"Rossi\").";
      assertTrue(revert.out().contains(note), revert.out());
      assertTrue(
          revert
              .out()
              .contains(
                  "at Roosevelt High School: roles left as they are, Titan changed them since (now"
                      + " Principal, the run left Teacher)."),
          revert.out());
      String report = Files.readString(h.runDir(revert.runId()).resolve("report.txt"));
      assertTrue(report.contains(note), report);
      assertEquals("Rossi-Verdi", h.user("E1013").get("last_name"));
      assertEquals("Schmitt", h.user("E1023").get("last_name"), "the rest is undone");
      assertEquals("mbrown@mvusd.org", h.user("E1011").get("email"));

      // Reverting twice finds everything already undone.
      CliHarness.Result again = h.run("revert", sync.runId());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertTrue(again.lastLine().contains("nothing to do"), again.lastLine());
    }
  }

  @Test
  void anUnknownRunIsABadInput() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result unknown = h.run("revert", "20200101-000000-abcd");
      assertEquals(2, unknown.exit());
      assertTrue(unknown.err().contains("no run 20200101-000000-abcd under"), unknown.err());
      CliHarness.Result garbage = h.run("approve", "../etc");
      assertEquals(2, garbage.exit());
      assertTrue(garbage.err().contains("is not a run id"), garbage.err());
      CliHarness.Result applied = h.run("sync", CliHarness.sample().toString());
      CliHarness.Result notHeld = h.run("approve", applied.runId());
      assertEquals(2, notHeld.exit());
      assertTrue(notHeld.err().contains("was not held (it ended applied)"), notHeld.err());
    }
  }

  @Test
  void runsListsRecentRunsWithTheCommandToApproveOrRevert() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result applied = h.run("sync", CliHarness.sample().toString());
      CliHarness.Result held =
          h.run("sync", h.sampleWith("cut.csv", (i, row) -> i < 33).toString());
      assertEquals(3, held.exit());

      CliHarness.Result runs = h.run("runs");

      assertEquals(0, runs.exit(), runs.out() + runs.err());
      String out = runs.out();
      assertTrue(out.indexOf(held.runId()) < out.indexOf(applied.runId()), "newest first");
      assertTrue(out.contains("approve: titan-sync approve " + held.runId() + " --config "), out);
      assertTrue(out.contains("undo: titan-sync revert " + applied.runId() + " --dry-run"), out);
      assertTrue(out.contains("create 11/11"), out);
      assertTrue(out.contains("remove_membership 22"), out);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> users(Map<String, Object> state) {
    return (List<Map<String, Object>>) state.get("users");
  }

  @SuppressWarnings("unchecked")
  private static List<String> created(CliHarness h, String runId) throws Exception {
    Map<String, Object> plan = CliHarness.readJson(h.runDir(runId).resolve("plan.json"));
    List<String> out = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) plan.get("changes")) {
      if ("create".equals(c.get("kind"))) {
        out.add((String) c.get("external_id"));
      }
    }
    return out;
  }
}
