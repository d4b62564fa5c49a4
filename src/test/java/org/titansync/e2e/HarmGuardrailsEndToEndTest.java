package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of harm is held through the real command line against the sandbox, not only removals:
 * privileged roles granted or taken, mass creation, email domain moves, harm spread over several
 * runs of the window; and a header that only looks different is no harm.
 */
class HarmGuardrailsEndToEndTest {
  @TempDir Path dir;

  private static void applySample(CliHarness h) {
    CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.lastLine().contains("applied"), first.lastLine());
  }

  /**
   * The sample's first run, made a day ago: its 4 removals, 11 creations and 1 domain move have
   * left the window, so that the figures below are this test's files' alone.
   */
  private static void applySampleYesterday(CliHarness h) throws IOException {
    applySample(h);
    Path ledger = h.logs().resolve("guard-window.json");
    if (!Files.exists(ledger)) {
      return; // no window kept: nothing to age
    }
    String json = Files.readString(ledger);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"finished_at\" : (\\d+)").matcher(json);
    assertTrue(m.find(), json);
    long dayAgo = Long.parseLong(m.group(1)) - 25 * 3600;
    Files.writeString(ledger, m.replaceAll("\"finished_at\" : " + dayAgo));
  }

  /** The sample with every data row rewritten by {@code row}, plus {@code extra} rows. */
  private static Path rewritten(
      CliHarness h, String name, UnaryOperator<String[]> row, List<String> extra)
      throws IOException {
    List<String> lines = Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      // Split on commas outside quotes; the sample quotes one last name with a comma in it.
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
      csv.append(String.join(",", row.apply(f))).append('\n');
    }
    extra.forEach(e -> csv.append(e).append('\n'));
    return h.csv(name, csv.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> holds(Map<String, Object> result) {
    return (List<Map<String, Object>>) result.get("holds");
  }

  private static Map<String, Object> hold(Map<String, Object> result, String check) {
    for (Map<String, Object> h : holds(result)) {
      if (check.equals(h.get("check"))) {
        return h;
      }
    }
    throw new AssertionError("no " + check + " in " + result.get("holds"));
  }

  private static Set<String> roleIds(Map<String, Object> user) {
    Set<String> out = new java.util.TreeSet<>();
    for (Object m : (List<?>) user.get("memberships")) {
      for (Object r : (List<?>) ((Map<?, ?>) m).get("role_ids")) {
        out.add((String) r);
      }
    }
    return out;
  }

  @Test
  void aFileGivingEveryRowDistrictAdminIsHeldWithItsCauseAndTheApproveCommandWithConfig()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      Path admins =
          rewritten(
              h,
              "admins.csv",
              f -> {
                f[5] = "District Admin";
                return f;
              },
              List.of());
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", admins.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "a held run writes nothing");
      assertEquals(Set.of("r_01"), roleIds(h.user("E1002")), "still a teacher");
      Path run = h.runDir(held.runId());
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals("held", result.get("status"));
      Map<String, Object> privileged = hold(result, "max_privileged_changes");
      assertEquals("guardrails.max_privileged_changes", privileged.get("setting"));
      assertEquals("5", privileged.get("limit"));
      assertTrue(
          String.valueOf(privileged.get("cause"))
              .startsWith("every person in the file now gets the role \"District Admin\""),
          privileged.toString());
      hold(result, "max_role_change_percent");
      String approve = "titan-sync approve " + held.runId() + " --config " + h.config();
      assertEquals(approve, result.get("approve_command"));
      String report = Files.readString(run.resolve("report.txt"));
      assertTrue(report.contains("  " + approve + "\n"), report);
      assertTrue(report.contains("(setting guardrails.max_privileged_changes)"), report);
      assertTrue(report.contains("every person in the file now gets the role"), report);
      assertFalse(report.contains("Held removals by site"), "no removal is part of it: " + report);
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(html.contains("data-check=\"max_privileged_changes\""), html);
      assertTrue(held.out().contains(approve), held.out());
      assertFalse(held.out().contains("removals by site"), held.out());
    }
  }

  @Test
  void aFileDemotingTheSuperintendentAndEveryPrincipalToSubstituteIsHeld() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      Path demoted =
          rewritten(
              h,
              "demoted.csv",
              f -> {
                if (f[5].contains("Principal") || f[5].equals("Superintendent")) {
                  f[5] = "Substitute";
                }
                return f;
              },
              List.of());
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", demoted.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount());
      assertEquals(Set.of("r_10"), roleIds(h.user("E1029")), "still the superintendent");
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      Map<String, Object> privileged = hold(result, "max_privileged_changes");
      String sentence = String.valueOf(privileged.get("sentence"));
      assertTrue(sentence.contains("takes away 6 privileged roles"), sentence);
      assertTrue(sentence.contains("-4 Principal"), sentence);
      assertTrue(sentence.contains("-1 Superintendent"), sentence);
      assertTrue(
          String.valueOf(privileged.get("cause")).contains("now \"Substitute\" for 6"),
          privileged.toString());

      // If the district meant it, one approval applies exactly the held role changes.
      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertTrue(approved.lastLine().contains("set_roles 6/6"), approved.lastLine());
      assertEquals(Set.of("r_08"), roleIds(h.user("E1029")));
    }
  }

  @Test
  void fiveThousandNewDistrictAdminsAreHeldEvenInADryRun() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySampleYesterday(h);
      List<String> extra = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        extra.add(
            "X"
                + (20000 + i)
                + ",New,Admin"
                + i
                + ",new.admin"
                + i
                + "@mvusd.org,District Office,District Admin");
      }
      Path flood = rewritten(h, "flood.csv", f -> f, extra);

      CliHarness.Result held = h.run("sync", flood.toString(), "--dry-run");

      assertEquals(3, held.exit(), held.out() + held.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(held.runId()).resolve("result.json"));
      assertEquals("5000 new accounts in this run", hold(result, "max_creations").get("figure"));
      assertEquals("100", hold(result, "max_creations").get("limit"));
      hold(result, "max_creation_percent");
      hold(result, "max_privileged_changes");
      assertTrue(
          String.valueOf(hold(result, "max_creations").get("cause"))
              .contains("5000 of them with a privileged role"),
          result.get("holds").toString());
    }
  }

  @Test
  void oneFileMovingEightEmailsToAnotherDomainIsHeld() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
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
              .contains("Held removals by site"));
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
      // One file moving 8 of the 47 accounts passes; the window holds the second.
      h.extraConfig("[guardrails]\nmax_domain_move_percent = 20\nmax_update_percent = 100\n");
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
              .contains("Held removals by site"));
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
      assertFalse(report.contains("Held removals by site"), report);
    }
  }

  @Test
  void theFirstLoadCreatesEveryoneWithTheirPrivilegedRolesAndTheReportSaysSo() throws Exception {
    // samples/seed.json without the accounts titan-sync made: only hand-made ones are left.
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> seed = json.readValue(Path.of("samples/seed.json").toFile(), Map.class);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> users = (List<Map<String, Object>>) seed.get("users");
    users.removeIf(u -> u.get("external_id") != null);
    Path seedFile = dir.resolve("empty-seed.json");
    json.writeValue(seedFile.toFile(), seed);

    try (CliHarness h =
        CliHarness.start(
            dir, org.titansync.sandbox.SandboxOptions.defaults().withSeedFile(seedFile))) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());

      assertEquals(0, first.exit(), first.out() + first.err());
      assertTrue(first.lastLine().contains("applied"), first.lastLine());
      assertEquals(Set.of("r_10"), roleIds(h.user("E1029")), "the superintendent is created");
      String report = Files.readString(h.runDir(first.runId()).resolve("report.txt"));
      assertTrue(
          report.contains("First load: Titan has no account titan-sync manages yet"), report);
      assertTrue(
          report.contains(
              "It grants privileged roles: Assistant Principal 1, Principal 4, Superintendent 1."),
          report);
      assertTrue(report.contains("The limits that applied: max_removals = 100"), report);

      // The next run is not a first load: six new principals are held.
      Path more =
          h.sampleWith(
              "more.csv",
              (i, row) -> true,
              "E6001,P,One,p1@mvusd.org,Lincoln Elementary,Principal",
              "E6002,P,Two,p2@mvusd.org,Lincoln Elementary,Principal",
              "E6003,P,Three,p3@mvusd.org,Lincoln Elementary,Principal",
              "E6004,P,Four,p4@mvusd.org,Lincoln Elementary,Principal",
              "E6005,P,Five,p5@mvusd.org,Lincoln Elementary,Principal",
              "E6006,P,Six,p6@mvusd.org,Lincoln Elementary,Principal");
      CliHarness.Result next = h.run("sync", more.toString());
      assertEquals(3, next.exit(), next.out() + next.err());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(next.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(hold(result, "max_privileged_changes").get("sentence"))
              .contains("+6 Principal"),
          result.toString());
    }
  }
}
