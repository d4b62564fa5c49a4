package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * A run killed with SIGKILL while it grants memberships still owns what it granted: its ownership
 * lines went into the audit log before its first write, so the next run of the earlier file takes
 * those grants back under membership_scope = "owned", and still leaves alone what was made by hand.
 */
class KilledRunOwnershipEndToEndTest {
  @TempDir Path dir;

  @Test
  void aKilledRunsGrantsAreOwned() throws Exception {
    SandboxOptions slow = SandboxOptions.defaults().withLatencyMs(25);
    try (CliHarness h = CliHarness.start(dir, slow)) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      String config = Files.readString(h.config());
      Files.writeString(h.config(), config.replace("max_concurrency = 4", "max_concurrency = 1"));
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      OwnedMembershipsEndToEndTest.byHand(h, "E1002", "s_03", "r_01"); // made by hand

      // Everyone in the sample also at Garfield Annex (s_06) as a Substitute: one grant each.
      List<String> lines = Files.readAllLines(CliHarness.sample());
      List<String> annex = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (String row : lines.subList(1, lines.size())) {
        String[] f = row.split(",", -1);
        if (seen.add(f[0])) {
          annex.add(String.join(",", f[0], f[1], f[2], f[3], "Garfield Annex", "Substitute"));
        }
      }
      Path granting = h.sampleWith("annex.csv", (i, row) -> true, annex.toArray(String[]::new));
      h.sandbox().resetCounters();
      CrashEndToEndTest.killMidRun(h, granting, 8);
      List<String> granted = new ArrayList<>();
      for (Map<String, Object> u : h.sandbox().users()) {
        if (u.get("external_id") != null && CliHarness.siteIds(u).contains("s_06")) {
          granted.add((String) u.get("external_id"));
        }
      }
      assertTrue(!granted.isEmpty() && granted.size() < seen.size(), granted.toString());

      CliHarness.Result next = h.run("sync", CliHarness.sample().toString());

      assertEquals(0, next.exit(), next.out() + next.err());
      for (String externalId : granted) {
        assertEquals(
            List.of(),
            CliHarness.siteIds(h.user(externalId)).stream().filter("s_06"::equals).toList(),
            externalId
                + ": granted by the killed run, so titan-sync's to take back\n"
                + next.out());
      }
      assertTrue(
          OwnedMembershipsEndToEndTest.memberships(h, "E1002").containsKey("s_03"),
          "made by hand: kept");
    }
  }
}
