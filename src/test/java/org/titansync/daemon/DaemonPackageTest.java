package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.roster.PackageFixtures;
import org.titansync.sandbox.SandboxOptions;

/**
 * The daemon takes a OneRoster or SDS zip from its inbox like a CSV: applied and archived; a delta
 * or a zip bomb refused and quarantined with its reason; a manifest alone archived with nothing
 * done.
 */
class DaemonPackageTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private DaemonHarness start() throws Exception {
    DaemonHarness h =
        DaemonHarness.start(
            dir,
            SandboxOptions.defaults()
                .withSeedFile(PackageFixtures.seedWithoutUsers(dir.resolve("seed.json"))));
    h.writeConfig(
        """
        [roster]
        username_domain = "mvusd.org"
        [sites.aliases]
        "Mountain View USD" = "District Office"
        "Adult Education" = "Jefferson Elementary"
        [roles.map]
        "districtAdministrator" = "District Admin"
        [csv]
        max_file_mb = 16
        """);
    h.startDaemon();
    return h;
  }

  @Test
  void aZipInTheInboxIsAppliedAndArchivedWithItsCopiesInTheRunFolder() throws Exception {
    try (DaemonHarness h = start()) {
      Path zip =
          PackageFixtures.zip("oneroster-1.2", dir.resolve("export.zip"), "export-2026-11-30");
      Files.copy(zip, h.inbox().resolve("export.zip"));

      Path archive = dir.resolve("archive");
      await("the zip in archive/", WAIT, io(() -> files(archive).size() == 1));

      Path run = runs(dir.resolve("logs")).get(0);
      assertEquals("applied", DaemonHarness.status(run));
      assertEquals(
          run.getFileName() + "-export.zip", files(archive).get(0).getFileName().toString());
      assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(run.resolve("input.zip")));
      assertTrue(Files.readString(run.resolve("input.csv")).startsWith("external_id,"));
      assertTrue(Files.exists(run.resolve("input.json")));
      Map<String, Object> ann = user(h, "t-100");
      assertEquals("ann.lee@mvusd.org", ann.get("email"));
      assertEquals(2, ((List<?>) ann.get("memberships")).size());
    }
  }

  @Test
  void aDeltaAndABombAreQuarantinedWithTheirReasonAndAManifestAloneIsArchived() throws Exception {
    try (DaemonHarness h = start()) {
      Files.copy(
          PackageFixtures.zip("oneroster-1.2-delta", dir.resolve("delta.zip"), ""),
          h.inbox().resolve("delta.zip"));
      Path quarantined = dir.resolve("quarantine/delta.zip");
      await("delta.zip in quarantine/", WAIT, io(() -> Files.exists(quarantined)));
      String why = Files.readString(dir.resolve("quarantine/delta.zip.reason.txt"));
      assertTrue(why.contains("the export is a delta (file.users = delta)"), why);

      Files.copy(
          PackageFixtures.bomb(dir.resolve("bomb.zip"), 64L * 1024 * 1024),
          h.inbox().resolve("bomb.zip"));
      await(
          "bomb.zip in quarantine/",
          WAIT,
          io(() -> Files.exists(dir.resolve("quarantine/bomb.zip"))));
      String bomb = Files.readString(dir.resolve("quarantine/bomb.zip.reason.txt"));
      assertTrue(bomb.contains("a zip bomb"), bomb);

      Files.copy(
          PackageFixtures.zip("oneroster-1.2-manifest-only", dir.resolve("nothing.zip"), ""),
          h.inbox().resolve("nothing.zip"));
      Path archive = dir.resolve("archive");
      await("nothing.zip in archive/", WAIT, io(() -> files(archive).size() == 1));
      List<Path> all = runs(dir.resolve("logs"));
      assertEquals("nothing_to_do", DaemonHarness.status(all.get(all.size() - 1)));
      assertEquals(0, h.sandbox().writeCount(), "nothing was written by any of them");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> user(DaemonHarness h, String externalId) {
    for (Map<String, Object> u : h.sandbox().users()) {
      if (externalId.equals(u.get("external_id"))) {
        return u;
      }
    }
    throw new AssertionError("no user " + externalId);
  }
}
