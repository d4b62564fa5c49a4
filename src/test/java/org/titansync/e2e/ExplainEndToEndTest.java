package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `explain WHO` through the real command line: the helpdesk's "why wasn't X synced?", asked by name
 * or email, answered in plain words, approvals and undos saying what they were.
 */
class ExplainEndToEndTest {
  @TempDir Path dir;

  private static final String MISSPELT =
      "E1002,James,Carter,james.carter@mvusd.org,Lincon Elementary,Teacher";

  @Test
  void aPersonRefusedForAMisspeltSiteIsExplainedByNameOrEmailWithTheLineAndWhatToChange()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file = h.sampleWith("staff.csv", (i, row) -> !row.startsWith("E1002,"), MISSPELT);
      CliHarness.Result sync = h.run("sync", file.toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());

      for (String who :
          List.of("James Carter", "carter, james", "JAMES.CARTER@mvusd.org", "E1002")) {
        CliHarness.Result explain = h.run("explain", who);
        String out = explain.out();
        assertEquals(0, explain.exit(), who + ": " + out + explain.err());
        assertTrue(out.startsWith("James Carter (external_id E1002, james.carter@mvusd.org)"), out);
        int line = Files.readAllLines(file, StandardCharsets.UTF_8).indexOf(MISSPELT) + 1;
        assertTrue(out.contains("Not synced: line " + line + " of the export was refused:"), out);
        assertTrue(out.contains("      " + MISSPELT + "\n"), out);
        assertTrue(out.contains("did you mean \"Lincoln Elementary\"?"), out);
        assertTrue(out.contains("What to change: correct line " + line + " in the SIS"), out);
        assertTrue(
            explain.lastLine().endsWith("in the last run: not synced, line " + line + " refused"),
            explain.lastLine());
        plainWords(out);
      }
    }
  }

  @Test
  void aNameSeveralPeopleShareListsThemToChooseFrom() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> true,
              "E2001,Anna,Carter,anna.carter@mvusd.org,Lincoln Elementary,Teacher");
      assertEquals(0, h.run("sync", file.toString()).exit());

      CliHarness.Result explain = h.run("explain", "Carter");

      assertEquals(2, explain.exit(), explain.out());
      assertTrue(explain.out().startsWith("2 people match \"Carter\""), explain.out());
      assertTrue(
          explain.out().contains("  E1002  James Carter  james.carter@mvusd.org"), explain.out());
      assertTrue(
          explain.out().contains("  E2001  Anna Carter  anna.carter@mvusd.org"), explain.out());
      CliHarness.Result nobody = h.run("explain", "Nobody Here");
      assertEquals(2, nobody.exit());
      assertTrue(nobody.lastLine().startsWith("titan-sync: nobody matches \"Nobody Here\""));
    }
  }

  @Test
  void aHeldApprovedAndRevertedPersonReadsAsWhatEachRunWasFor() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      assertEquals(0, h.run("sync", CliHarness.sample().toString()).exit());
      // A cut export: a guardrail holds it, and a new person in it with it.
      Path cut =
          h.sampleWith(
              "cut.csv",
              (i, row) -> i < 8,
              "E2001,Anna,Carter,anna.carter@mvusd.org,Lincoln Elementary,Teacher");
      CliHarness.Result held = h.run("sync", cut.toString());
      assertEquals(3, held.exit(), held.out());

      CliHarness.Result whyHeld = h.run("explain", "Anna Carter");
      assertEquals(0, whyHeld.exit(), whyHeld.out());
      assertTrue(
          whyHeld
              .out()
              .contains(
                  "Held, nothing written: Anna Carter gets a new account and joins Lincoln"
                      + " Elementary as Teacher."),
          whyHeld.out());
      assertTrue(
          whyHeld.out().contains("titan-sync approve " + held.runId() + " --config " + h.config()),
          whyHeld.out());
      assertTrue(whyHeld.out().contains("    Why: The file has "), whyHeld.out());

      CliHarness.Result approve =
          h.run(
              "approve",
              held.runId(),
              "--by",
              "Dana Reyes",
              "--comment",
              "checked with HR",
              "--yes");
      assertEquals(0, approve.exit(), approve.out() + approve.err());
      assertTrue(approve.out().startsWith("Run " + held.runId() + " was held "), approve.out());
      assertTrue(approve.out().contains("It plans: 1 new account, "), approve.out());
      String user = System.getProperty("user.name");

      CliHarness.Result afterApproval = h.run("explain", "anna.carter@mvusd.org");
      String out = afterApproval.out();
      assertTrue(
          out.contains(
              "run "
                  + approve.runId()
                  + ": the approval of held run "
                  + held.runId()
                  + ", approved by "
                  + user
                  + " (as Dana Reyes) on "),
          out);
      assertTrue(out.contains(": \"checked with HR\", applied"), out);
      // `runs` says who approved and when as explain does: the machine's time, its zone named.
      CliHarness.Result listed = h.run("runs");
      assertEquals(0, listed.exit(), listed.out() + listed.err());
      java.util.regex.Matcher said =
          java.util.regex.Pattern.compile(
                  "approved by "
                      + java.util.regex.Pattern.quote(user)
                      + " \\(as Dana Reyes\\) on \\S+ at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                      + java.util.regex.Pattern.quote(
                          org.titansync.run.ShownTime.zoneName(java.time.ZoneId.systemDefault()))
                      + " \\(run "
                      + approve.runId()
                      + "\\): \"checked with HR\"")
              .matcher(listed.out());
      assertTrue(said.find(), listed.out());
      assertTrue(
          out.contains(said.group()), "explain says it alike:\n" + out + "\n" + listed.out());
      assertFalse(
          listed.out().matches("(?s).*approved by .*\\d{4}-\\d\\d-\\d\\dT\\d\\d:.*"), listed.out());
      assertTrue(
          out.contains("    Done: Anna Carter gets a new account and joins Lincoln Elementary"),
          out);
      assertTrue(
          afterApproval.lastLine().endsWith("1 change written in 1 run; in the last run: synced"),
          afterApproval.lastLine());
      plainWords(out);
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.systemDefault());
      assertTrue(
          h.run("runs", "--since", today.toString()).out().contains(held.runId()),
          "runs --since today lists today's runs");
      assertTrue(
          h.run("runs", "--since", today.plusDays(1).toString()).out().startsWith("No runs"),
          "runs --since tomorrow lists none");
      CliHarness.Result runs = h.run("runs");
      assertTrue(runs.out().contains("(as Dana Reyes)"), runs.out());
      assertTrue(runs.out().contains(": \"checked with HR\""), runs.out());
      String audit = Files.readString(h.logs().resolve("audit.jsonl"));
      assertTrue(
          audit.contains(
              "\"user\":\""
                  + user
                  + "\",\"approves\":\""
                  + held.runId()
                  + "\",\"by\":\"Dana Reyes\",\"comment\":\"checked with HR\""),
          audit);

      CliHarness.Result revert = h.run("revert", approve.runId(), "--delete-created");
      CliHarness.Result afterRevert = h.run("explain", "E2001");
      String undone = afterRevert.out();
      String heading =
          undone
              .lines()
              .filter(l -> l.contains("run " + revert.runId() + ":"))
              .findFirst()
              .orElse("");
      assertTrue(
          heading.contains("the undo of run " + approve.runId() + ", its new accounts included"),
          undone);
      assertFalse(heading.contains("audit.jsonl"), heading);
      plainWords(undone);
    }
  }

  /** No Java maps, no nanosecond UTC stamps, no "1 changes", no technical kinds. */
  private static void plainWords(String out) {
    assertFalse(out.contains("{"), out);
    assertFalse(out.contains("role_ids"), out);
    assertFalse(out.contains("set_roles") || out.contains("remove_membership"), out);
    assertFalse(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d").matcher(out).find(), out);
    assertFalse(Pattern.compile("\\dT\\d\\d:").matcher(out).find(), out);
    assertFalse(Pattern.compile("(^|\\D)1 (changes|runs)").matcher(out).find(), out);
    assertTrue(out.contains(". Times are in "), out);
  }
}
