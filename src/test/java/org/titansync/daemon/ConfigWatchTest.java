package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.SyncConfig;
import org.titansync.store.StateFolder;

/**
 * A daemon whose config file changed starts no run with the old config: files wait in the inbox,
 * readiness is DOWN saying a restart is needed, and putting the old file back lets runs start.
 */
class ConfigWatchTest {
  @TempDir Path dir;

  @Test
  void aChangedConfigStopsRunsFromStartingUntilTheDaemonRestarts() throws Exception {
    Path config = Files.writeString(dir.resolve("config.toml"), "[csv]\nencoding = \"utf-8\"\n");
    SyncConfig.Paths paths =
        new SyncConfig.Paths(
            dir.resolve("inbox"),
            dir.resolve("logs"),
            dir.resolve("archive"),
            dir.resolve("quarantine"),
            dir.resolve("held"),
            30);
    InboxFolders folders = new InboxFolders(paths, "");
    folders.create();
    InboxReadiness readiness = new InboxReadiness(dir.resolve("inbox/.titan-sync-lock"));
    readiness.lockHeld(true);
    InboxIntake intake =
        new InboxIntake(
            new InboxFilter(Duration.ZERO, ""),
            folders,
            new DaemonMetrics(new SimpleMeterRegistry()),
            readiness,
            new StateFolder(paths.logs()),
            false,
            Duration.ofSeconds(1),
            ConfigWatch.of(config));
    Path export = Files.writeString(paths.inbox().resolve("staff.csv"), "x\n");
    DaemonHarness.await(
        "the export ready", Duration.ofSeconds(10), () -> intake.ready().equals(List.of(export)));
    assertEquals(List.of(), readiness.problems());

    Files.writeString(config, "[csv]\nencoding = \"windows-1252\"\n");

    assertEquals(List.of(), intake.ready(), "no run starts with the old config");
    assertEquals(1, readiness.problems().size());
    String why = readiness.problems().get(0);
    assertTrue(
        why.startsWith("the config file " + config + " changed since the daemon started"), why);
    assertTrue(
        why.endsWith("restart the daemon (systemctl restart titan-sync) to use the new one"), why);
    assertTrue(Files.exists(export), "the export waits in the inbox");

    Files.writeString(config, "[csv]\nencoding = \"utf-8\"\n");
    assertEquals(List.of(export), intake.ready());
    assertEquals(List.of(), readiness.problems());
    assertNull(ConfigWatch.of(null).stale(), "a daemon without a config file watches nothing");
  }
}
