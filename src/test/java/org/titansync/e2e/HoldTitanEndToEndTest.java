package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hold applies only to the Titan it was judged against, an undo only to the Titan its run wrote
 * to: with two Titans in the same state (the config's, and the built-in sandbox of {@code
 * --sandbox}), approving or reverting against the other one is refused, naming both and the command
 * that would be right, and nothing is written to either.
 */
class HoldTitanEndToEndTest {
  @TempDir Path dir;

  /** The sample cut after 33 of its 55 rows: held (a vanished site, a shrunk file, removals). */
  private static Path cut(CliHarness h) throws Exception {
    return h.sampleWith("cut.csv", (i, row) -> i < 33);
  }

  private static Map<String, Map<String, Object>> sandboxUsers(CliHarness h) throws Exception {
    return CliHarness.usersWithoutTimes(
        CliHarness.readJson(h.logs().resolve("sandbox-state.json")));
  }

  private static Map<String, Map<String, Object>> configUsers(CliHarness h) {
    return CliHarness.usersWithoutTimes(h.sandbox().exportState());
  }

  /**
   * Both Titans synced from the sample: the same people, so a misdirected plan would apply. The
   * window counts every Titan on this machine as one (docs/operations.md, "The window"), so it is
   * off here: the holds come from the file checks.
   */
  private static void bothSynced(CliHarness h) throws Exception {
    h.extraConfig("[guardrails]\nwindow_hours = 0\n");
    CliHarness.Result real = h.run("sync", CliHarness.sample().toString());
    assertEquals(0, real.exit(), real.out() + real.err());
    CliHarness.Result box = h.run("sync", CliHarness.sample().toString(), "--sandbox");
    assertEquals(0, box.exit(), box.out() + box.err());
  }

  @Test
  void aRunHeldAgainstTheSandboxIsNotApprovedAgainstTheConfigsTitanNorTheOtherWayRound()
      throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      bothSynced(h);
      CliHarness.Result heldInBox = h.run("sync", cut(h).toString(), "--sandbox");
      assertEquals(3, heldInBox.exit(), heldInBox.out() + heldInBox.err());
      Map<String, Map<String, Object>> configBefore = configUsers(h);
      Map<String, Map<String, Object>> boxBefore = sandboxUsers(h);
      h.sandbox().resetCounters();

      CliHarness.Result approve = h.run("approve", heldInBox.runId());

      assertEquals(2, approve.exit(), approve.out() + approve.err());
      assertEquals(0, h.sandbox().requestCount(), "the config's Titan was not even read");
      assertEquals(configBefore, configUsers(h));
      assertEquals(boxBefore, sandboxUsers(h));
      assertTrue(
          approve
              .err()
              .contains(
                  "run "
                      + heldInBox.runId()
                      + " was held against the built-in sandbox (--sandbox); this approve would"
                      + " apply it to the Titan at "
                      + h.sandbox().baseUrl()
                      + ", so it is refused and nothing was written to either."),
          approve.err());
      assertTrue(
          approve
              .err()
              .contains(
                  "titan-sync approve " + heldInBox.runId() + " --sandbox --config " + h.config()),
          approve.err());
      assertFalse(Files.exists(h.runDir(heldInBox.runId()).resolve("approval.json")));
      // Its own report said how to approve it where it was judged.
      assertTrue(
          heldInBox
              .out()
              .contains("titan-sync approve " + heldInBox.runId() + " --sandbox --config"),
          heldInBox.out());

      // Held against the config's Titan: approve --sandbox is refused the same way.
      CliHarness.Result heldInConfig = h.run("sync", cut(h).toString());
      assertEquals(3, heldInConfig.exit(), heldInConfig.out() + heldInConfig.err());
      h.sandbox().resetCounters();
      CliHarness.Result approveInBox = h.run("approve", heldInConfig.runId(), "--sandbox");
      assertEquals(2, approveInBox.exit(), approveInBox.out() + approveInBox.err());
      assertTrue(
          approveInBox
              .err()
              .contains(
                  "was held against the Titan at "
                      + h.sandbox().baseUrl()
                      + "; this approve would apply it to the built-in sandbox (--sandbox)"),
          approveInBox.err());
      assertEquals(0, h.sandbox().requestCount());
      assertEquals(boxBefore, sandboxUsers(h));

      // Where it was judged, it goes through.
      CliHarness.Result right = h.run("approve", heldInBox.runId(), "--sandbox");
      assertEquals(0, right.exit(), right.out() + right.err());
      assertEquals(configBefore, configUsers(h), "the config's Titan untouched");
      assertFalse(boxBefore.equals(sandboxUsers(h)));
    }
  }

  @Test
  void aHoldOfAnEarlierVersionNamesNoTitanAndIsNotApproved() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      bothSynced(h);
      CliHarness.Result held = h.run("sync", cut(h).toString(), "--sandbox");
      assertEquals(3, held.exit(), held.out() + held.err());
      Path hold = h.runDir(held.runId()).resolve("hold.json");
      // As an earlier version wrote it: no titan.
      String json = Files.readString(hold);
      Files.writeString(hold, json.replace("  \"titan\" : \"sandbox\",\n", ""));
      assertFalse(Files.readString(hold).contains("\"titan\""), json);
      h.sandbox().resetCounters();

      CliHarness.Result approve = h.run("approve", held.runId(), "--sandbox");

      assertEquals(2, approve.exit(), approve.out() + approve.err());
      assertTrue(approve.err().contains("held by an earlier version of titan-sync"), approve.err());
      assertTrue(
          approve
              .err()
              .contains(
                  "titan-sync sync "
                      + h.runDir(held.runId()).resolve("input.csv")
                      + " --sandbox --config "
                      + h.config()),
          approve.err());
      assertEquals(0, h.sandbox().requestCount());
    }
  }

  @Test
  void aRunThatWroteToTheSandboxIsNotRevertedOnTheConfigsTitan() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      bothSynced(h);
      // A run that writes to the sandbox only: one teacher fewer.
      Path fewer = h.sampleWith("fewer.csv", (i, row) -> !row.startsWith("E1002,"));
      CliHarness.Result inBox = h.run("sync", fewer.toString(), "--sandbox");
      assertEquals(0, inBox.exit(), inBox.out() + inBox.err());
      // The config's Titan made the same change by hand: an undo there would put E1002 back.
      CliHarness.Result inConfig = h.run("sync", fewer.toString());
      assertEquals(0, inConfig.exit(), inConfig.out() + inConfig.err());
      Map<String, Map<String, Object>> configBefore = configUsers(h);
      Map<String, Map<String, Object>> boxBefore = sandboxUsers(h);
      h.sandbox().resetCounters();

      CliHarness.Result revert = h.run("revert", inBox.runId());

      assertEquals(2, revert.exit(), revert.out() + revert.err());
      String said = revert.out() + revert.err();
      assertTrue(
          said.contains(
              "run "
                  + inBox.runId()
                  + " wrote to the built-in sandbox (--sandbox); this revert would apply its undo"
                  + " to the Titan at "
                  + h.sandbox().baseUrl()
                  + ", so it is refused and nothing was written to either. To revert it:"
                  + " titan-sync revert "
                  + inBox.runId()
                  + " --sandbox --config "
                  + h.config()),
          said);
      assertEquals(0, h.sandbox().writeCount());
      assertEquals(configBefore, configUsers(h));
      assertEquals(boxBefore, sandboxUsers(h));

      // And the other way round.
      CliHarness.Result revertInBox = h.run("revert", inConfig.runId(), "--sandbox");
      assertEquals(2, revertInBox.exit(), revertInBox.out() + revertInBox.err());
      assertTrue(
          (revertInBox.out() + revertInBox.err())
              .contains("wrote to the Titan at " + h.sandbox().baseUrl()),
          revertInBox.out() + revertInBox.err());
      assertEquals(boxBefore, sandboxUsers(h));

      CliHarness.Result right = h.run("revert", inBox.runId(), "--sandbox");
      assertEquals(0, right.exit(), right.out() + right.err());
      assertEquals(configBefore, configUsers(h));
    }
  }
}
