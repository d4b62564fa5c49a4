package org.titansync.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readiness, back-off and metrics of the SFTP source, on a clock the test moves. */
class SftpStatusTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SftpStatus status = new SftpStatus(registry, 3, 300, nanos::get);

  @Test
  void downOnlyAfterTheConfiguredFailuresInARowAndUpAgainAfterAGoodPoll() {
    SftpProblem refused = new SftpProblem(SftpCause.CONNECT, "cannot connect to x:22");
    status.pollFailed(refused);
    status.pollFailed(refused);
    assertNull(status.problem(), "two failures: still ready");
    status.pollFailed(refused);
    assertTrue(status.problem().contains("3 polls failed in a row (connect)"), status.problem());
    status.pollWorked(Map.of());
    assertNull(status.problem());
    assertTrue(status.lastGoodPoll() > 0);
    assertEquals(
        3.0, registry.get("titan.sync.sftp.failures").tag("cause", "connect").counter().count());
  }

  @Test
  void anErrorTurnsReadinessDownAtOnce() {
    status.pollFailed(new SftpProblem(SftpCause.ERROR, "Java heap space"));
    assertTrue(status.problem().contains("(error)"), status.problem());
    assertTrue(status.mayPoll(), "the next poll runs");
  }

  @Test
  void aRefusedLoginWaitsLongerEachTime() {
    SftpProblem login = new SftpProblem(SftpCause.LOGIN, "the server refused the login");
    status.pollFailed(login);
    assertFalse(status.mayPoll());
    nanos.addAndGet(299_000_000_000L);
    assertFalse(status.mayPoll());
    nanos.addAndGet(2_000_000_000L);
    assertTrue(status.mayPoll(), "after 300 s");
    status.pollFailed(login);
    nanos.addAndGet(301_000_000_000L);
    assertFalse(status.mayPoll(), "the second wait is 600 s");
    nanos.addAndGet(300_000_000_000L);
    assertTrue(status.mayPoll());
    assertEquals(
        3.0, registry.get("titan.sync.sftp.polls").tag("result", "skipped").counter().count());
  }

  @Test
  void aFileThatCannotBeTakenIsNamedWhilePollsWork() {
    status.pollWorked(Map.of("/uploads/staff.csv", "/uploads/staff.csv cannot be moved"));
    assertEquals("SFTP: /uploads/staff.csv cannot be moved", status.problem());
    status.pollWorked(Map.of());
    assertNull(status.problem());
  }
}
