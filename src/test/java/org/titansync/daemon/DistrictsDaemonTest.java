package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --districts DIR} in a JVM of its own: two districts, each with its own sandbox Titan
 * and its key from its own file, sync their exports; a third, whose config is wrong, is refused
 * alone and readiness names it; once its file is mended it is served without a restart.
 */
class DistrictsDaemonTest {
  @TempDir Path dir;

  @Test
  void eachDistrictSyncsWithItsOwnTitanAndABrokenOneIsRefusedAloneUntilMended() throws Exception {
    Process daemon = null;
    try (DaemonHarness north = DaemonHarness.start(dir.resolve("north-titan"));
        DaemonHarness south = DaemonHarness.start(dir.resolve("south-titan"))) {
      Path districts = dir.resolve("districts");
      Files.createDirectories(districts);
      Files.writeString(districts.resolve("north.key"), north.sandbox().options().apiKey() + "\n");
      north.writeDistrict(districts.resolve("north.toml"), "api_key_file = \"north.key\"");
      south.writeDistrict(districts.resolve("south.toml"));
      // An unknown key: this district alone is refused.
      south.writeDistrict(districts.resolve("west.toml"), "api_keey = \"x\"");
      int port = DaemonHarness.freePort();
      Path host = dir.resolve("host/config.toml");
      Files.createDirectories(host.getParent());
      Files.writeString(
          host,
          "[daemon]\nhttp_port = "
              + port
              + "\n[districts]\nrescan_seconds = 1\nconcurrency = 2\n"
              + "[logging]\nlevel = \"INFO\"\n",
          StandardCharsets.UTF_8);
      daemon = DaemonHarness.startChild(host, "--districts", districts.toString());

      await(
          "readiness to name the refused district",
          Duration.ofSeconds(60),
          () -> {
            DaemonHarness.Answer ready =
                DaemonHarness.get(port, "/observe/health/ready?exposureLevel=full");
            return ready.status() == 503 && ready.body().contains("district west refused");
          });
      for (String name : new String[] {"north", "south"}) {
        Files.copy(DaemonHarness.SAMPLE, districts.resolve(name + "/inbox/staff.csv"));
      }
      for (String name : new String[] {"north", "south"}) {
        Path archive = districts.resolve(name + "/archive");
        await(
            name + "'s export archived",
            Duration.ofSeconds(60),
            io(() -> files(archive).size() == 1));
      }
      // The daemon's lines about a district's run name the district (host/out.txt or err.txt).
      String log =
          Files.readString(dir.resolve("host/out.txt"))
              + Files.readString(dir.resolve("host/err.txt"));
      assertTrue(
          java.util.regex.Pattern.compile(
                  "\\[north \\d{8}-\\d{6}-[0-9a-f]{4}\\] o\\.t\\.pipeline\\.RunEnd: run .* ended")
              .matcher(log)
              .find(),
          log);
      // So do the host's own lines about a district.
      assertTrue(
          java.util.regex.Pattern.compile("\\[north\\] \\S*DistrictsHost: district north served")
              .matcher(log)
              .find(),
          log);
      assertTrue(north.sandbox().users().size() > 10, "north's Titan got the staff");
      assertTrue(south.sandbox().users().size() > 10, "south's Titan got the staff");
      String metrics = DaemonHarness.get(port, "/observe/metrics").body();
      assertTrue(
          metrics.contains("district=\"north\"") && metrics.contains("district=\"south\""),
          "metrics carry the district");
      // The routes' metrics stay; Camel's exchange event notifier, whose every exchange searched
      // all the meters, is off.
      assertTrue(metrics.contains("camel_exchanges_total{"), "the routes' metrics");
      assertFalse(metrics.contains("camel_exchange_event_notifier"), "no exchange event notifier");
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  l ->
                      l.startsWith("titan_sync_api_calls_total{")
                          && l.contains("district=\"north\"")
                          && l.contains("status=\"201\"")),
          "north's writes counted: " + metrics);
      assertFalse(metrics.contains("camel_exchanges_last_timestamp"), "no last-exchange search");

      // Mended without a restart: served at the next look at the folder.
      south.writeDistrict(districts.resolve("west.toml"));
      await(
          "readiness UP once west is mended",
          Duration.ofSeconds(60),
          () -> DaemonHarness.get(port, "/observe/health/ready").status() == 200);
      Files.createDirectories(districts.resolve("west/inbox"));
      Files.copy(DaemonHarness.SAMPLE, districts.resolve("west/inbox/staff.csv"));
      await(
          "west's export archived",
          Duration.ofSeconds(60),
          io(() -> files(districts.resolve("west/archive")).size() == 1));
      assertEquals(0, files(districts.resolve("north/quarantine")).size());

      // A district whose file goes stops, and leaves the metrics with it; the others stay.
      assertTrue(DaemonHarness.get(port, "/observe/metrics").body().contains("district=\"west\""));
      Files.delete(districts.resolve("west.toml"));
      await(
          "west gone from the metrics",
          Duration.ofSeconds(60),
          () -> !DaemonHarness.get(port, "/observe/metrics").body().contains("district=\"west\""));
      assertTrue(DaemonHarness.get(port, "/observe/metrics").body().contains("district=\"north\""));
    } finally {
      if (daemon != null) {
        daemon.destroyForcibly().waitFor();
        // The child's own account, in this test's output, should anything above have failed.
        Path err = dir.resolve("host/err.txt");
        if (Files.exists(err)) {
          System.err.println(Files.readString(err));
        }
      }
    }
  }
}
