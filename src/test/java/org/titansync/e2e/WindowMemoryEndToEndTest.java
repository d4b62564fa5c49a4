package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySample;
import static org.titansync.e2e.HarmFiles.applySampleYesterday;
import static org.titansync.e2e.HarmFiles.hold;
import static org.titansync.e2e.HarmFiles.holds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardrails' window remembers what happened, and a memory that cannot be read holds, never
 * opens: through the real command line against the sandbox, admin grants spread over two runs
 * against {@code max_privileged_changes = 5} are held at the second whatever becomes of {@code
 * logs/guard-window.json} between them (a folder, text that is no window, deleted, an entry dated
 * ahead), and creations of a run killed mid-way count in the next run's window.
 */
class WindowMemoryEndToEndTest {
  @TempDir Path dir;

  /** Three new District Admins: 3 privileged grants, within max_privileged_changes = 5. */
  private static final String[] THREE_ADMINS = admins(8001, 3);

  /** Three more: with the first three, 6 grants in the window. */
  private static final String[] SIX_ADMINS = admins(8001, 6);

  private static String[] admins(int first, int count) {
    String[] rows = new String[count];
    for (int i = 0; i < count; i++) {
      int n = first + i;
      rows[i] =
          "E" + n + ",Ada,Admin" + n + ",ada" + n + "@mvusd.org,District Office,District Admin";
    }
    return rows;
  }

  /** The sample's first load, then a run granting three admins, applied. */
  private static void threeAdminsGranted(CliHarness h) throws Exception {
    applySample(h);
    CliHarness.Result first =
        h.run("sync", h.sampleWith("three.csv", (i, row) -> true, THREE_ADMINS).toString());
    assertEquals(0, first.exit(), first.out() + first.err());
  }

  private static CliHarness.Result threeMoreAdmins(CliHarness h) throws Exception {
    h.sandbox().resetCounters();
    return h.run("sync", h.sampleWith("six.csv", (i, row) -> true, SIX_ADMINS).toString());
  }

  private static void assertHeldAsUnreadable(CliHarness h, CliHarness.Result r, Path ledger)
      throws Exception {
    assertEquals(3, r.exit(), r.out() + r.err());
    assertEquals(0, h.sandbox().writeCount(), "nothing was written");
    String said = r.out() + r.err();
    assertTrue(said.contains("The guardrails' window " + ledger), said);
    assertTrue(said.contains("every run that writes is held until it is repaired"), said);
    assertTrue(said.contains("mv " + ledger + " " + ledger + ".damaged"), said);
    Map<String, Object> result = CliHarness.readJson(h.runDir(r.runId()).resolve("result.json"));
    assertEquals("window", holds(result).get(0).get("check"), result.toString());
    assertEquals("held", result.get("status"));
  }

  @Test
  void aWindowThatIsAFolderHoldsTheRunThatWouldGrantTheSixthAdminAndDoctorSaysHowToRepair()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      threeAdminsGranted(h);
      Path ledger = h.logs().resolve("guard-window.json");
      Files.delete(ledger);
      Files.createDirectories(ledger);

      assertHeldAsUnreadable(h, threeMoreAdmins(h), ledger);

      CliHarness.Result doctor = h.run("doctor");
      assertEquals(2, doctor.exit(), doctor.out());
      assertTrue(
          doctor
              .out()
              .contains("FIX   the guardrails' window " + ledger + " is not a regular file"),
          doctor.out());
      assertTrue(doctor.out().contains("mv " + ledger + " " + ledger + ".damaged"), doctor.out());

      // Repaired as told: rebuilt from the audit log, the limit still counts the first three.
      Files.move(ledger, ledger.resolveSibling("guard-window.json.damaged"));
      CliHarness.Result again = threeMoreAdmins(h);
      assertEquals(3, again.exit(), again.out() + again.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(again.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(hold(result, "max_privileged_changes").get("sentence"))
              .contains("with the 3 of earlier runs"),
          result.toString());
    }
  }

  @Test
  void aWindowThatIsNoJsonHoldsTheRun() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      threeAdminsGranted(h);
      Path ledger = h.logs().resolve("guard-window.json");
      Files.writeString(ledger, "{ not a window");

      assertHeldAsUnreadable(h, threeMoreAdmins(h), ledger);
      assertEquals("{ not a window", Files.readString(ledger), "left for the operator to look at");
    }
  }

  @Test
  void aDeletedWindowIsRebuiltFromTheAuditLogAndTheSecondRunIsStillHeld() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      threeAdminsGranted(h);
      Path ledger = h.logs().resolve("guard-window.json");
      Files.delete(ledger);

      CliHarness.Result second = threeMoreAdmins(h);

      assertEquals(3, second.exit(), second.out() + second.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(second.runId()).resolve("result.json"));
      assertEquals(
          List.of("max_privileged_changes"),
          holds(result).stream().map(x -> x.get("check")).toList());
      assertTrue(
          String.valueOf(hold(result, "max_privileged_changes").get("sentence"))
              .contains("with the 3 of earlier runs in the last 24 h that is 6"),
          result.toString());
      assertTrue(Files.isRegularFile(ledger), "rebuilt and kept");
      CliHarness.Result runs = h.run("runs");
      assertTrue(runs.out().contains("2 runs wrote to Titan"), runs.out());
      assertTrue(runs.out().contains("privileged changes 3, "), runs.out());
    }
  }

  @Test
  void anEntryDatedAfterNowCountsAsNow() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      threeAdminsGranted(h);
      // Another daemon sharing logs/ with its clock two hours ahead wrote this entry.
      Path ledger = h.logs().resolve("guard-window.json");
      String json = Files.readString(ledger);
      Matcher last = Pattern.compile("\"finished_at\" : (\\d+)").matcher(json);
      String lastAt = null;
      while (last.find()) {
        lastAt = last.group(1);
      }
      long ahead = Long.parseLong(lastAt) + 2 * 3600;
      Files.writeString(
          ledger, json.replace("\"finished_at\" : " + lastAt, "\"finished_at\" : " + ahead));

      CliHarness.Result second = threeMoreAdmins(h);

      assertEquals(3, second.exit(), second.out() + second.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(second.runId()).resolve("result.json"));
      assertTrue(
          String.valueOf(hold(result, "max_privileged_changes").get("sentence"))
              .contains("with the 3 of earlier runs"),
          result.toString());
    }
  }

  private static String[] teachers(int first, int count) {
    String[] rows = new String[count];
    for (int i = 0; i < count; i++) {
      int n = first + i;
      rows[i] =
          "E" + n + ",Tess,Teacher" + n + ",tess" + n + "@mvusd.org,Lincoln Elementary,Teacher";
    }
    return rows;
  }

  @Test
  void aRunKilledAfterSomeCreationsCountsInTheNextRunsWindow() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[guardrails]\nmax_creations = 12\n");
      String config = Files.readString(h.config());
      Files.writeString(h.config(), config.replace("max_concurrency = 4", "max_concurrency = 1"));
      applySampleYesterday(h); // its 11 creations out of the window

      // Eight new teachers; the run is killed while its sixth create is in flight.
      Path eight = h.sampleWith("eight.csv", (i, row) -> true, teachers(7001, 8));
      h.sandbox().resetCounters();
      assertEquals(
          137,
          ChildSync.killedWhileWriteInFlight(h, eight, 6, h.dir().resolve("killed-child.log")));
      assertEquals(5, h.sandbox().mutationCount(), "five creates were made, the sixth never was");

      CliHarness.Result doctor = h.run("doctor");

      // The rest of the eight and six more: 9 creations, within max_creations = 12 alone, but with
      // the killed run's 6 (5 made, 1 whose answer never came) they are 15.
      List<String> rows = new ArrayList<>(List.of(teachers(7001, 8)));
      rows.addAll(List.of(teachers(7101, 6)));
      h.sandbox().resetCounters();
      CliHarness.Result next =
          h.run(
              "sync",
              h.sampleWith("fourteen.csv", (i, row) -> true, rows.toArray(String[]::new))
                  .toString());

      assertEquals(3, next.exit(), next.out() + next.err());
      assertEquals(0, h.sandbox().writeCount());
      Map<String, Object> result =
          CliHarness.readJson(h.runDir(next.runId()).resolve("result.json"));
      String sentence = String.valueOf(hold(result, "max_creations").get("sentence"));
      assertTrue(
          sentence.contains("with the 6 of earlier runs in the last 24 h that is 15"), sentence);
      assertFalse(
          Files.readString(h.logs().resolve("guard-window.json")).contains("\"writing\" : true"),
          "the killed run's entry now says what it wrote");
      // Until then, doctor said so.
      assertTrue(doctor.out().contains("started writing at"), doctor.out());
      assertTrue(doctor.out().contains("never ended (it was stopped)"), doctor.out());
    }
  }
}
