package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySample;
import static org.titansync.e2e.HarmFiles.applySampleYesterday;
import static org.titansync.e2e.HarmFiles.hold;
import static org.titansync.e2e.HarmFiles.rewritten;
import static org.titansync.e2e.HarmFiles.roleIds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of harm is held through the real command line against the sandbox, not only removals:
 * privileged roles granted or taken, mass creation (email domain moves, harm spread over several
 * runs of the window and headers that only look different: {@link WindowHarmEndToEndTest}).
 */
class HarmGuardrailsEndToEndTest {
  @TempDir Path dir;

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
      // The likely cause comes first, as a sentence: said once, with a capital.
      assertTrue(
          report.contains("Likely cause: Every person in the file now gets the role"), report);
      assertFalse(report.contains("Leaving, by school"), "no removal is part of it: " + report);
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
