package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path logs;

  @Test
  void theFirstRunOfANewSetupDoesNotTakeItsOwnLockFileForAnotherRun() throws Exception {
    Instant readsStarted = Instant.now().minusSeconds(1);
    try (RunLock lock = RunLock.acquire(logs, "first", Duration.ZERO, holder -> {})) {
      assertFalse(lock.otherRunSince(readsStarted), "nobody else ever held the lock");
    }
  }

  @Test
  void aRunThatEndedAfterTheReadsStartedMakesThemOutOfDate() throws Exception {
    Instant readsStarted = Instant.now().minusSeconds(1);
    RunLock.acquire(logs, "other", Duration.ZERO, holder -> {}).close();
    assertTrue(Files.exists(logs.resolve(RunLock.FILE)));
    try (RunLock lock = RunLock.acquire(logs, "second", Duration.ZERO, holder -> {})) {
      assertTrue(lock.otherRunSince(readsStarted), "the other run released the lock since");
    }
  }

  @Test
  void aRunThatEndedBeforeTheReadsStartedDoesNot() throws Exception {
    RunLock.acquire(logs, "other", Duration.ZERO, holder -> {}).close();
    assertTrue(Files.exists(logs.resolve(RunLock.FILE)));
    Files.setLastModifiedTime(
        logs.resolve(RunLock.FILE), FileTime.from(Instant.now().minusSeconds(3600)));
    Instant readsStarted = Instant.now().minusSeconds(1);
    try (RunLock lock = RunLock.acquire(logs, "second", Duration.ZERO, holder -> {})) {
      assertFalse(lock.otherRunSince(readsStarted));
    }
  }
}
