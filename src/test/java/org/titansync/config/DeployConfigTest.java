package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config the systemd unit is installed with (deploy/config.toml) keeps every folder where the
 * unit may write, by absolute path, and is the file the unit's command names.
 */
class DeployConfigTest {
  private static final Path DATA = Path.of("/srv/titan-sync");

  @Test
  void everyFolderIsAbsoluteAndWhereTheUnitMayWrite() throws Exception {
    SyncConfig config = ConfigLoader.load(Path.of("deploy/config.toml"), Map.of());
    SyncConfig.Paths p = config.paths();
    for (Path folder : List.of(p.inbox(), p.logs(), p.archive(), p.quarantine(), p.held())) {
      assertTrue(folder.startsWith(DATA), folder + " is under " + DATA);
    }
    String toml = Files.readString(Path.of("deploy/config.toml"));
    for (String key : List.of("inbox", "logs", "archive", "quarantine", "held")) {
      assertTrue(toml.contains(key + " = \"/srv/titan-sync/"), key + " is written absolute");
    }
    String unit = Files.readString(Path.of("deploy/titan-sync.service"));
    assertTrue(unit.contains("ReadWritePaths=" + DATA + "\n"), unit);
    assertTrue(
        unit.contains(
            "-jar /opt/titan-sync/titan-sync.jar run --config /etc/titan-sync/config.toml\n"),
        unit);
    assertTrue(config.titan().apiKey().isEmpty(), "the key is in /etc/titan-sync/env, not here");
  }
}
