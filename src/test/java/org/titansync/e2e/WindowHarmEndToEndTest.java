package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySample;
import static org.titansync.e2e.HarmFiles.applySampleYesterday;
import static org.titansync.e2e.HarmFiles.hold;
import static org.titansync.e2e.HarmFiles.holds;
import static org.titansync.e2e.HarmFiles.rewritten;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harm that is not removals, through the real command line against the sandbox: email domain moves
 * in one file or spread over the window's runs, removals that add up across files, and a header
 * that only looks different, which is no harm.
 */
class WindowHarmEndToEndTest {
  @TempDir Path dir;

  @Test
  void oneFileMovingEightEmailsToAnotherDomainIsHeld() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // The principals among the eight are held by their own check (PrivilegedEmailEndToEndTest):
      // here the domain moves alone are judged.
      h.extraConfig("[guardrails]\nhold_on_privileged_email_change = false\n");
      applySampleYesterday(h);
      Path moved = movedEmails(h, "moved.csv", 8);
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", moved.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      assertEquals(
          List.of("max_domain_move_percent"),
          result.get("holds") == null
              ? null
              : holds(result).stream().map(x -> x.get("check")).toList());
      assertTrue(
          String.valueOf(hold(result, "max_domain_move_percent").get("cause"))
              .startsWith("8 emails moved to @other.example"),
          result.toString());
      assertFalse(
          Files.readString(h.runDir(held.runId()).resolve("report.txt"))
              .contains("Leaving, by school"));
      assertFalse(held.out().contains("removals by site"), held.out());
    }
  }

  /**
   * The sample with the emails of people number {@code from} (inclusive) to {@code to} (exclusive),
   * counted by first appearance, moved to other.example.
   */
  private static Path movedEmails(CliHarness h, String name, int to) throws IOException {
    List<String> order = new ArrayList<>();
    return rewritten(
        h,
        name,
        f -> {
          if (!order.contains(f[0])) {
            order.add(f[0]);
          }
          int n = order.indexOf(f[0]);
          if (n < to) {
            f[3] = f[3].replace("@mvusd.org", "@other.example");
          }
          return f;
        },
        List.of());
  }

  @Test
  void emailMovesSpreadOverFilesAddUpInTheWindowAndAnApprovalCoversOnlyWhatItApproved()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      // One file moving 8 of the 47 accounts passes; the window holds the second. The principals
      // among them are held by their own check (PrivilegedEmailEndToEndTest), off here.
      h.extraConfig(
          """
          [guardrails]
          max_domain_move_percent = 20
          max_update_percent = 100
          hold_on_privileged_email_change = false
          """);
      applySampleYesterday(h);

      CliHarness.Result first = h.run("sync", movedEmails(h, "m1.csv", 8).toString());
      assertEquals(0, first.exit(), first.out() + first.err());

      CliHarness.Result second = h.run("sync", movedEmails(h, "m2.csv", 16).toString());

      assertEquals(3, second.exit(), second.out() + second.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(second.runId()).resolve("result.json"));
      Map<String, Object> moves = hold(result, "max_domain_move_percent");
      assertTrue(
          String.valueOf(moves.get("sentence"))
              .contains("with the 8 of earlier runs in the last 24 h that is 16"),
          moves.toString());
      assertTrue(
          String.valueOf(moves.get("cause")).startsWith("8 emails moved to @other.example, 16 in"),
          moves.toString());

      CliHarness.Result approved = h.run("approve", second.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());

      // The approval covered its 8 moves, not the window: 8 (first) + 4 more = 12 of 47, 25.5%.
      CliHarness.Result third = h.run("sync", movedEmails(h, "m3.csv", 20).toString());
      assertEquals(3, third.exit(), third.out() + third.err());
      Map<String, Object> r3 = CliHarness.readJson(h.runDir(third.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(hold(r3, "max_domain_move_percent").get("sentence"))
              .contains("with the 8 of earlier runs in the last 24 h that is 12"),
          r3.toString());

      CliHarness.Result runs = h.run("runs");
      assertTrue(runs.out().contains("Window (last 24 h"), runs.out());
      assertTrue(runs.out().contains("email domain moves 16 (8 approved)"), runs.out());
    }
  }

  @Test
  void twoFilesThatTogetherRemoveEighteenPercentAreHeldWhereEachAloneIsNot() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySampleYesterday(h);
      Set<String> firstGone = Set.of("E1002", "E1003", "E1004", "E1011", "E1012");
      Set<String> bothGone = new java.util.HashSet<>(firstGone);
      bothGone.addAll(Set.of("E1019", "E1021", "E1024", "E1025", "E1036"));

      CliHarness.Result first =
          h.run(
              "sync",
              h.sampleWith(
                      "r1.csv", (i, row) -> !firstGone.contains(row.substring(0, row.indexOf(','))))
                  .toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertTrue(first.lastLine().contains("remove_membership 5/5"), first.lastLine());

      CliHarness.Result second =
          h.run(
              "sync",
              h.sampleWith(
                      "r2.csv", (i, row) -> !bothGone.contains(row.substring(0, row.indexOf(','))))
                  .toString());

      assertEquals(3, second.exit(), second.out() + second.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(second.runId()).resolve("result.json"));
      String sentence = String.valueOf(hold(result, "max_removal_percent").get("sentence"));
      assertTrue(
          sentence.contains(
              "with the 5 of earlier runs in the last 24 h that is 10, 18.2% of"
                  + " the 55 memberships"),
          sentence);
      assertTrue(
          Files.readString(h.runDir(second.runId()).resolve("report.txt"))
              .contains("Leaving, by school"));
    }
  }

  @Test
  void anIgnoredColumnOrAHeaderSpellingOfTheSameFieldIsNoChangeButAnotherSourceIs()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[csv.columns]\nemail = [\"Work Email\"]\n");
      applySample(h);
      List<String> lines = Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8);
      StringBuilder extraColumn = new StringBuilder(lines.get(0) + ",notes\n");
      lines.subList(1, lines.size()).forEach(l -> extraColumn.append(l).append(",x\n"));
      Path withNotes = h.csv("notes.csv", extraColumn.toString());

      CliHarness.Result notes = h.run("sync", withNotes.toString());
      assertEquals(0, notes.exit(), notes.out() + notes.err());
      assertTrue(notes.lastLine().contains("nothing to do"), notes.lastLine());

      String body = String.join("\n", lines.subList(1, lines.size())) + "\n";
      Path respelled =
          h.csv(
              "respelled.csv",
              "External ID,first_name,last_name,email,site_name,role_names\n" + body);
      CliHarness.Result spelling = h.run("sync", respelled.toString());
      assertEquals(0, spelling.exit(), spelling.out() + spelling.err());
      assertTrue(spelling.lastLine().contains("nothing to do"), spelling.lastLine());

      Path otherSource =
          h.csv(
              "work-email.csv",
              "external_id,first_name,last_name,Work Email,site_name,role_names\n" + body);
      CliHarness.Result changed = h.run("sync", otherSource.toString());
      assertEquals(3, changed.exit(), changed.out() + changed.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(changed.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(hold(result, "hold_on_header_change").get("sentence"))
              .contains("email was read from \"email\", now from \"Work Email\""),
          result.toString());
    }
  }

  @Test
  void aHoldCausedOnlyByUpdatesDoesNotSendTheReaderToTheRemovalsBySite() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      List<String> order = new ArrayList<>();
      Path renamed =
          rewritten(
              h,
              "renamed.csv",
              f -> {
                if (!order.contains(f[0])) {
                  order.add(f[0]);
                }
                if (order.indexOf(f[0]) < 12) {
                  f[2] = f[2].startsWith("\"") ? f[2] : f[2] + "-Renamed";
                }
                return f;
              },
              List.of());

      CliHarness.Result held = h.run("sync", renamed.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertTrue(held.out().contains("max_update_percent"), held.out());
      assertFalse(held.out().contains("removals by site"), held.out());
      assertTrue(held.out().contains("see report.html for every held change"), held.out());
      String report = Files.readString(h.runDir(held.runId()).resolve("report.txt"));
      assertFalse(report.contains("Leaving, by school"), report);
    }
  }
}
