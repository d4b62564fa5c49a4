package org.titansync.sftp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the SFTP source is doing, for readiness, metrics and logs: the failed polls in a row and
 * their cause, the files on the server it cannot take (named), the back-off after a refused login
 * or host key, and the time of the last good poll. One WARN line per failure, naming its cause (the
 * stack trace at DEBUG), and one INFO line when polls work again.
 *
 * <p>Metrics: {@code titan_sync_sftp_polls_total{result}} (ok, failed, skipped while backing off),
 * {@code titan_sync_sftp_failures_total{cause}}, {@code titan_sync_sftp_files_fetched_total} and
 * {@code titan_sync_sftp_last_good_poll_timestamp_seconds} (0 before the first).
 */
public final class SftpStatus {
  private static final Logger LOG = LoggerFactory.getLogger("org.titansync.daemon.sftp");
  private static final long MAX_BACKOFF_NANOS = 3_600_000_000_000L;

  private final MeterRegistry registry;
  private final int downAfter;
  private final long backoffNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong lastGood = new AtomicLong();
  private final Map<SftpCause, Counter> failures = new EnumMap<>(SftpCause.class);
  private final Counter fetched;

  private int failedInARow;
  private SftpProblem lastFailure;
  private int refusedInARow;
  private long nextAttemptNanos;
  private Map<String, String> fileProblems = Map.of();

  /**
   * @param downAfter failed polls in a row that turn readiness DOWN
   * @param backoffSeconds the first wait after a refused login or host key
   */
  public SftpStatus(
      MeterRegistry registry, int downAfter, double backoffSeconds, LongSupplier nanoClock) {
    this.registry = registry;
    this.downAfter = downAfter;
    this.backoffNanos = Math.round(backoffSeconds * 1e9);
    this.nanoClock = nanoClock;
    for (SftpCause cause : SftpCause.values()) {
      failures.put(
          cause,
          Counter.builder("titan.sync.sftp.failures")
              .description("SFTP polls or files that failed, by cause")
              .tag("cause", cause.label())
              .register(registry));
    }
    for (String result : new String[] {"ok", "failed", "skipped"}) {
      polls(result);
    }
    fetched =
        Counter.builder("titan.sync.sftp.files.fetched")
            .description("Files fetched from the SFTP server into the inbox")
            .register(registry);
    Gauge.builder("titan.sync.sftp.last.good.poll.timestamp", lastGood, AtomicLong::doubleValue)
        .description("When the last SFTP poll that worked ended (Unix time)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** False while backing off after a refused login or host key: this poll is skipped. */
  synchronized boolean mayPoll() {
    if (nextAttemptNanos != 0 && nanoClock.getAsLong() - nextAttemptNanos < 0) {
      polls("skipped").increment();
      return false;
    }
    return true;
  }

  /** A poll that worked; {@code problems} names the files it could not take, with why. */
  synchronized void pollWorked(Map<String, String> problems) {
    polls("ok").increment();
    lastGood.set(System.currentTimeMillis() / 1000);
    if (failedInARow > 0) {
      LOG.info(
          "SFTP: polls work again, after {} failed ({}: {})",
          failedInARow,
          lastFailure.kind().label(),
          lastFailure.getMessage());
    }
    failedInARow = 0;
    refusedInARow = 0;
    nextAttemptNanos = 0;
    lastFailure = null;
    fileProblems = Map.copyOf(new LinkedHashMap<>(problems));
  }

  /** A poll that failed: one WARN line naming the cause; a refused login backs off. */
  synchronized void pollFailed(SftpProblem problem) {
    polls("failed").increment();
    failures.get(problem.kind()).increment();
    failedInARow++;
    lastFailure = problem;
    String next = "";
    if (problem.kind().backsOff()) {
      refusedInARow++;
      long wait = backoffNanos;
      for (int i = 1; i < refusedInARow && wait < MAX_BACKOFF_NANOS; i++) {
        wait *= 2;
      }
      wait = Math.min(wait, MAX_BACKOFF_NANOS);
      nextAttemptNanos = nanoClock.getAsLong() + wait;
      next = "; no new attempt for " + Math.max(1, wait / 1_000_000_000L) + " s";
    }
    LOG.warn(
        "SFTP poll failed ({}, {} in a row): {}{}",
        problem.kind().label(),
        failedInARow,
        problem.getMessage(),
        next);
    LOG.debug("SFTP poll failure in full", problem);
  }

  /** Counts a file's problem (once per file and version: the caller logs it). */
  void fileFailed(SftpCause cause) {
    failures.get(cause).increment();
  }

  void fileFetched() {
    fetched.increment();
  }

  /** Null when ready; else why not, naming the cause or the files. */
  public synchronized String problem() {
    // An Error (the JVM short of memory, say) turns readiness DOWN at once; the next poll runs.
    if (failedInARow >= downAfter || (failedInARow > 0 && lastFailure.kind() == SftpCause.ERROR)) {
      return "SFTP: "
          + failedInARow
          + " polls failed in a row ("
          + lastFailure.kind().label()
          + "): "
          + lastFailure.getMessage();
    }
    if (!fileProblems.isEmpty()) {
      StringBuilder text = new StringBuilder("SFTP: ");
      fileProblems.forEach((name, why) -> text.append(why).append("; "));
      return text.substring(0, text.length() - 2);
    }
    return null;
  }

  /** The time of the last good poll, 0 before the first (Unix seconds). */
  public long lastGoodPoll() {
    return lastGood.get();
  }

  private Counter polls(String result) {
    return Counter.builder("titan.sync.sftp.polls")
        .description("Polls of the SFTP server, by result")
        .tag("result", result)
        .register(registry);
  }
}
