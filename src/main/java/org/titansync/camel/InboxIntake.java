package org.titansync.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * The two ends of the inbox route ({@code routes/inbox.camel.yaml}): turn a picked-up file into a
 * {@link SyncRequest} for {@code direct:sync}, and, once the run has ended, move the file where its
 * status says. A file leaves the inbox only after its run has ended, in one rename, so a daemon
 * stopped or killed mid-run leaves it in the inbox to be processed again.
 */
public final class InboxIntake {
  private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

  private final InboxFilter filter;
  private final InboxFolders folders;
  private final DaemonMetrics metrics;
  private final Path runsDir;
  private final boolean dryRun;
  private final Duration retryDelay;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param dryRun {@code sync.dry_run}: every run of the daemon only plans
   * @param retryDelay how long a file whose run could not reach Titan waits in the inbox
   */
  public InboxIntake(
      InboxFilter filter,
      InboxFolders folders,
      DaemonMetrics metrics,
      Path runsDir,
      boolean dryRun,
      Duration retryDelay) {
    this.filter = filter;
    this.folders = folders;
    this.metrics = metrics;
    this.runsDir = runsDir;
    this.dryRun = dryRun;
    this.retryDelay = retryDelay;
  }

  /** The file the consumer picked up, as a request for the sync route. */
  public SyncRequest request(@Header(Exchange.FILE_PATH) String path) {
    Path file = Path.of(path).toAbsolutePath();
    LOG.info("picked up {} from the inbox", file.getFileName());
    SyncRequest request = new SyncRequest(file, dryRun, "daemon");
    inFlight.incrementAndGet();
    return request;
  }

  /**
   * Moves the file by how its run ended: applied, partly failed, nothing to do or dry run to {@code
   * archive/}; refused to {@code quarantine/}; held to {@code held/}; Titan unreachable, an
   * unexpected error, the run lock busy or a logs folder that cannot take the run (the file is not
   * to blame) leaves it in the inbox, tried again after the retry delay. A partly failed run that
   * ends while the daemon stops also stays, so the next start finishes it.
   */
  public void settle(RunSummary summary, @Header(Exchange.FILE_PATH) String path, Exchange ex) {
    Path file = Path.of(path).toAbsolutePath();
    MDC.put("run_id", summary.runId());
    try {
      metrics.record(summary);
      if (!Files.exists(file)) {
        LOG.warn("{} left the inbox during its run (moved by hand?)", file.getFileName());
        filter.done(file);
        return;
      }
      RunStatus status = summary.status();
      boolean stopping = ex.getContext().isStopping();
      Path moved;
      switch (status) {
        case APPLIED, NOTHING_TO_DO, DRY_RUN, PARTIAL -> {
          if (status == RunStatus.PARTIAL && stopping) {
            LOG.warn(
                "{}: run cut short by the stop; the file stays in the inbox and is processed"
                    + " again at the next start",
                file.getFileName());
            return;
          }
          moved =
              folders.archive(
                  file, summary.runId(), LocalDate.now(java.time.ZoneId.systemDefault()));
          LOG.info("{} {}: archived as {}", file.getFileName(), status.label(), moved);
        }
        case REFUSED -> {
          moved = folders.quarantine(file, summary.runId(), reason(summary, "refused"));
          LOG.warn("{} refused ({}): moved to {}", file.getFileName(), summary.message(), moved);
        }
        case HELD -> {
          moved = folders.hold(file, summary.runId(), reason(summary, "held"));
          LOG.warn(
              "{} held by a guardrail: moved to {}; approve with `titan-sync approve {}`",
              file.getFileName(),
              moved,
              summary.runId());
        }
        case UNREACHABLE, ERROR, BUSY, STORAGE -> {
          filter.retryLater(file, retryDelay);
          LOG.warn(
              "{} stays in the inbox ({}: {}); tried again in {} s, newer files wait behind it",
              file.getFileName(),
              status.label(),
              summary.message(),
              retryDelay.toSeconds());
          return;
        }
      }
      filter.done(file);
    } catch (IOException | RuntimeException e) {
      filter.retryLater(file, retryDelay);
      LOG.error(
          "could not move {} after run {}: {}; it stays in the inbox",
          file.getFileName(),
          summary.runId(),
          e.toString());
    } finally {
      MDC.remove("run_id");
      ended();
    }
  }

  /** The run itself failed (its folder could not be made, ...): the file stays for later. */
  public void failed(@Header(Exchange.FILE_PATH) String path, Exchange ex) {
    Path file = Path.of(path).toAbsolutePath();
    filter.retryLater(file, retryDelay);
    ended();
    Exception cause = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    LOG.error(
        "{} could not be synced ({}); it stays in the inbox, tried again in {} s",
        file.getFileName(),
        cause == null ? "unknown error" : cause.toString(),
        retryDelay.toSeconds());
  }

  /**
   * Waits until no run of an inbox file is in flight, at most {@code timeout}. Camel's own graceful
   * stop does not see a run in flight behind the master consumer, so the daemon waits here before
   * it stops Camel.
   *
   * @return false when a run was still in flight at the end
   */
  public boolean awaitIdle(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          inFlight.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private void ended() {
    synchronized (inFlight) {
      if (inFlight.get() > 0) {
        inFlight.decrementAndGet();
      }
      inFlight.notifyAll();
    }
  }

  private String reason(RunSummary s, String what) {
    StringBuilder text = new StringBuilder();
    text.append("titan-sync ")
        .append(what)
        .append(" this file in run ")
        .append(s.runId())
        .append(" (")
        .append(s.finishedAt())
        .append(").\n\n")
        .append(s.message())
        .append('\n');
    for (String why : s.holdReasons()) {
      text.append("- ").append(why).append('\n');
    }
    text.append("\nReport: ").append(runsDir.resolve(s.runId()).resolve("report.txt")).append('\n');
    if (what.equals("held")) {
      text.append("Approve with: titan-sync approve ").append(s.runId()).append('\n');
    } else {
      text.append("To process it again, correct it and move it back into ")
          .append(folders.inbox())
          .append('\n');
    }
    return text.toString();
  }
}
