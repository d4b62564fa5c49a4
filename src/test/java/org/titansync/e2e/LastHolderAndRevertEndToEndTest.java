package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real command line against the sandbox: demoting the only Superintendent is held under
 * max_privileged_changes (hold.json and the console show the holders); a revert of people a run
 * created measures its removals once; a revert is judged with the window.
 */
class LastHolderAndRevertEndToEndTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static List<String> checks(Map<String, Object> result) {
    return ((List<Map<String, Object>>) result.get("holds"))
        .stream().map(h -> String.valueOf(h.get("check"))).toList();
  }

  @Test
  void demotingTheOnlySuperintendentIsHeldAndTheHoldersAreShown() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      Path demoted =
          h.sampleWith(
              "demoted.csv",
              (i, row) -> !row.startsWith("E1029,"),
              "E1029,Steven,Clark,steven.clark@mvusd.org,District Office,Teacher");
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", demoted.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "held: nothing written");
      Path run = h.runDir(held.runId());
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals(List.of("hold_on_last_privileged_holder"), checks(result), result.toString());
      List<Map<String, Object>> counts =
          List.of(Map.of("role", "Superintendent", "before", 1, "after", 0));
      assertEquals(counts, CliHarness.readJson(run.resolve("hold.json")).get("privileged_holders"));
      String holders =
          """
          Privileged roles, people holding each in Titan before -> after the plan:
            Superintendent: 1 -> 0
          """;
      assertTrue(held.out().contains(holders), held.out());
      assertTrue(
          held.out()
              .contains("After the plan nobody holds the privileged role Superintendent: 1 -> 0"),
          held.out());

      // Turned off, the same file goes ahead: one change is under max_privileged_changes.
      h.extraConfig("[guardrails]\nhold_on_last_privileged_holder = false\n");
      CliHarness.Result off = h.run("sync", demoted.toString());
      assertEquals(0, off.exit(), off.out() + off.err());
    }
  }

  @Test
  void aRevertOfCreatedPeopleCountsEachDeactivatedAccountByItsMemberships() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result sync = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());

      CliHarness.Result all = h.run("revert", sync.runId(), "--delete-created", "--dry-run");

      assertEquals(3, all.exit(), all.out() + all.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(all.runId()).resolve("result.json"));
      String sentence =
          ((List<?>) result.get("hold_reasons"))
              .stream()
                  .map(String::valueOf)
                  .filter(s -> s.contains("max_removal_percent"))
                  .findFirst()
                  .orElseThrow();
      assertTrue(
          sentence.contains(
              "(the 11 accounts deactivated are counted by the memberships they lose)"),
          sentence);
      // The 14 memberships that go (the 11 created people's and 3 the run added) of 55: once each.
      assertTrue(
          sentence.contains(
              "25 removals (14 memberships removed, 11 accounts deactivated), 25.5% of the 55"
                  + " memberships"),
          sentence);
    }
  }

  @Test
  void aRevertIsJudgedWithTheRemovalsOfTheWindowButNotOfTheRunItUndoes() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // The sample removes 4 memberships; they count in the window.
      CliHarness.Result sync = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());
      // Three teachers join Roosevelt High School; undoing that removes 3 memberships.
      Path joins =
          h.sampleWith(
              "joins.csv",
              (i, row) -> true,
              "E1002,James,Carter,james.carter@mvusd.org,Roosevelt High School,Teacher",
              "E1003,José,Núñez,jose.nunez@mvusd.org,Roosevelt High School,Teacher",
              "E1004,Emily,Chen,emily.chen@mvusd.org,Roosevelt High School,Teacher");
      CliHarness.Result joined = h.run("sync", joins.toString());
      assertEquals(0, joined.exit(), joined.out() + joined.err());
      h.sandbox().resetCounters();

      CliHarness.Result revert = h.run("revert", joined.runId());

      assertEquals(3, revert.exit(), revert.out() + revert.err());
      assertEquals(0, h.sandbox().writeCount());
      assertTrue(
          revert.out().contains("with the 4 of earlier runs in the last 24 h that is 7"),
          revert.out());

      // With no window the same revert is judged alone, and 3 removals pass.
      h.extraConfig("[guardrails]\nwindow_hours = 0\n");
      CliHarness.Result alone = h.run("revert", joined.runId());
      assertEquals(0, alone.exit(), alone.out() + alone.err());
      assertFalse(alone.out().contains("HELD"), alone.out());
    }
  }
}
