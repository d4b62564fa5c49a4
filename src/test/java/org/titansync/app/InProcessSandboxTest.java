package org.titansync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;

/**
 * {@code --sandbox} in two commands at once, on one state file: the second uses a sandbox that
 * serves others (the daemon's), waits for one that lives as long as a command, and refuses, naming
 * the holder, when it does not end in time. A lock left by a dead process blocks nothing.
 */
class InProcessSandboxTest {
  @TempDir Path dir;

  private SyncConfig config(int lockWaitSeconds) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("config.toml"), "[sync]\nlock_wait_seconds = " + lockWaitSeconds + "\n");
    return ConfigLoader.load(file, Map.of());
  }

  @Test
  void aSecondCommandUsesTheSandboxOfTheDaemonAndNamesIt() throws Exception {
    SyncConfig config = config(0);
    try (InProcessSandbox daemons = InProcessSandbox.start(config, true, w -> {})) {
      try (InProcessSandbox second = InProcessSandbox.start(config)) {
        assertEquals(daemons.baseUrl(), second.baseUrl());
        assertTrue(second.describe().contains("already serves"), second.describe());
        assertTrue(
            second.describe().contains("process " + ProcessHandle.current().pid()),
            second.describe());
        assertTrue(second.pointAt(config).titan().builtInSandbox());
      }
      // Closing the second left the daemon's sandbox serving.
      TitanSyncApp.clientFor(daemons.pointAt(config)).checkAccess();
    }
  }

  @Test
  void aSecondCommandWaitsForAOneShotSandboxThenRefusesNamingIt() throws Exception {
    SyncConfig quick = config(1);
    InProcessSandbox first = InProcessSandbox.start(quick);
    try {
      InProcessSandbox.Busy busy =
          assertThrows(InProcessSandbox.Busy.class, () -> InProcessSandbox.start(quick));
      assertTrue(
          busy.getMessage().contains("is in use by process " + ProcessHandle.current().pid()),
          busy.getMessage());
      assertTrue(busy.getMessage().contains("at " + first.baseUrl()), busy.getMessage());
      assertTrue(busy.getMessage().contains("did not end within sync.lock_wait_seconds = 1"));
    } finally {
      first.close();
    }

    // Waiting long enough, the second starts once the first has ended, on what it saved.
    SyncConfig patient = config(30);
    InProcessSandbox one = InProcessSandbox.start(patient);
    String firstUrl = one.baseUrl();
    AtomicReference<String> told = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<InProcessSandbox> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return InProcessSandbox.start(
                    patient,
                    false,
                    holder -> {
                      told.set(holder);
                      waiting.countDown();
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(waiting.await(30, TimeUnit.SECONDS), "the second waits for the first");
    one.close();
    try (InProcessSandbox two = next.get(30, TimeUnit.SECONDS)) {
      assertNotEquals(firstUrl, two.baseUrl(), "a sandbox of its own");
      assertTrue(told.get().contains("is in use by"), told.get());
    }
  }

  @Test
  void aLockLeftByADeadProcessBlocksNothing() throws Exception {
    SyncConfig config = config(0);
    Path lock = dir.resolve("logs/sandbox-state.json.lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(
        lock,
        "{\"pid\":999999999,\"url\":\"http://127.0.0.1:9/api/v1\",\"owner\":\"titan-sync run"
            + " --sandbox\",\"serves_others\":true,\"since\":\"2026-01-01T00:00:00Z\"}\n");
    try (InProcessSandbox box = InProcessSandbox.start(config)) {
      assertTrue(box.describe().startsWith("sandbox: Titan simulator at "), box.describe());
    }
  }
}
