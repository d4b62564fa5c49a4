package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sync --dry-run` against the sandbox over HTTP: the plan is right and nothing is written. */
class DryRunEndToEndTest {
  @TempDir Path dir;

  @Test
  void dryRunOfTheSamplePlansEveryKindOfChangeAndWritesNothing() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path csv = Path.of("samples/staff.csv").toAbsolutePath();
      List<Map<String, Object>> before = h.sandbox().users();

      CliHarness.Result r = h.run("sync", csv.toString(), "--dry-run");

      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains("dry run: would make"), r.lastLine());
      assertEquals(0, h.sandbox().writeCount(), "a dry run must not write");
      assertEquals(before, h.sandbox().users());

      Path run = h.lastRun();
      for (String f :
          List.of("input.csv", "plan.json", "report.txt", "report.html", "result.json")) {
        assertTrue(Files.isRegularFile(run.resolve(f)), f);
      }
      assertEquals(Files.readString(csv), Files.readString(run.resolve("input.csv")));

      Map<String, Object> plan = CliHarness.readJson(run.resolve("plan.json"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> changes = (List<Map<String, Object>>) plan.get("changes");
      List<Object> kinds = changes.stream().map(c -> c.get("kind")).distinct().toList();
      for (String kind : List.of("create", "link", "update", "set_roles", "remove_membership")) {
        assertTrue(kinds.contains(kind), "sample plan has " + kind + ": " + kinds);
      }
      // Every change names the person and, for updates, the before and after values.
      for (Map<String, Object> c : changes) {
        assertFalse(String.valueOf(c.get("external_id")).isBlank(), c.toString());
        assertTrue(String.valueOf(c.get("email")).contains("@"), c.toString());
        if ("update".equals(c.get("kind"))) {
          assertFalse(((Map<?, ?>) c.get("before")).isEmpty(), c.toString());
          assertEquals(
              ((Map<?, ?>) c.get("before")).keySet(), ((Map<?, ?>) c.get("after")).keySet());
        }
      }
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals("dry_run", result.get("status"));
      assertEquals(0, result.get("exit_code"));
    }
  }

  @Test
  void theSamePlanTwiceIsTheSamePlan() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      String csv = Path.of("samples/staff.csv").toAbsolutePath().toString();
      String firstRun = h.run("sync", csv, "--dry-run").runId();
      Map<String, Object> first = CliHarness.readJson(h.runDir(firstRun).resolve("plan.json"));
      String secondRun = h.run("sync", csv, "--dry-run").runId();
      Map<String, Object> second = CliHarness.readJson(h.runDir(secondRun).resolve("plan.json"));
      assertNotEquals(firstRun, secondRun);
      assertEquals(first.get("changes"), second.get("changes"));
    }
  }

  @Test
  void aDryRunSaysHowLongTheApplyWouldTakeAtTheRateTitanAnnounced() throws Exception {
    try (CliHarness h =
        CliHarness.start(dir, org.titansync.sandbox.SandboxOptions.defaults().withRps(50))) {
      String csv = Path.of("samples/staff.csv").toAbsolutePath().toString();
      CliHarness.Result r = h.run("sync", csv, "--dry-run");
      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("would take about"), r.out());
      assertTrue(r.out().contains("the rate Titan announced (50 requests a second"), r.out());
    }
  }
}
