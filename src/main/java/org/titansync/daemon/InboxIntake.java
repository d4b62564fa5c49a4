package org.titansync.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.titansync.logging.RunIdLogging;
import org.titansync.notify.MailGate;
import org.titansync.report.ReportWriter;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;
import org.titansync.run.SyncRequest;
import org.titansync.store.ResultFile;
import org.titansync.store.StateFolder;

/**
 * The two ends of the inbox route ({@code routes/inbox.camel.yaml}): turn a picked-up file into a
 * {@link SyncRequest} for {@code direct:sync}, and, once the run has ended, move the file where its
 * status says. A file leaves the inbox only after its run has ended, in one rename, so a daemon
 * stopped or killed mid-run leaves it in the inbox to be processed again.
 *
 * <p>The file travels in an exchange property, not in a header: the routes in between (the mail
 * among them) may drop headers, and a file whose run ended must still be settled exactly once.
 */
public final class InboxIntake {
  private final ConfigWatch config;

  /** Exchange property: the inbox file this exchange is about. */
  static final String FILE = "titanInboxFile";

  /** Exchange property: set while the exchange counts as a run in flight. */
  private static final String IN_FLIGHT = "titanInboxInFlight";

  private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

  private final InboxFilter filter;
  private final InboxFolders folders;
  private final DaemonMetrics metrics;
  private final InboxReadiness readiness;
  private final StateFolder store;
  private final boolean dryRun;
  private final Duration retryDelay;
  private final ReportWriter reports = new ReportWriter();
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * Files whose last run ended {@code storage} and was mailed: their next such runs mail no one.
   */
  private final Set<Path> storageMailed = ConcurrentHashMap.newKeySet();

  /**
   * @param store the run folders, where a refused non-regular entry gets its run's result
   * @param dryRun {@code sync.dry_run}: every run of the daemon only plans
   * @param retryDelay how long a file whose run could not reach Titan waits in the inbox
   * @param config the config file as the daemon read it: no run starts once it changed
   */
  public InboxIntake(
      InboxFilter filter,
      InboxFolders folders,
      DaemonMetrics metrics,
      InboxReadiness readiness,
      StateFolder store,
      boolean dryRun,
      Duration retryDelay,
      ConfigWatch config) {
    this.config = config;
    this.filter = filter;
    this.folders = folders;
    this.metrics = metrics;
    this.readiness = readiness;
    this.store = store;
    this.dryRun = dryRun;
    this.retryDelay = retryDelay;
  }

  /**
   * The entry the inbox route took from {@link #ready} (the message body: the path as the inbox's
   * listing gave it, never rebuilt from a name or a header): a request for the sync route, or, for
   * an entry refused unopened (a name that cannot be used as it is, a link, a FIFO, a device, a
   * folder), the summary of a refused run, made without opening it or following it.
   */
  public Object request(Exchange ex) {
    // The path object itself: a string converted to a path would be a name read back.
    if (!(ex.getMessage().getBody() instanceof Path file)) {
      throw new IllegalStateException("the inbox route hands over the listed entry itself");
    }
    ex.setProperty(FILE, file);
    ex.setProperty(IN_FLIGHT, true);
    ex.setProperty(MailGate.PROPERTY, (MailGate) run -> mailDue(file, run));
    inFlight.incrementAndGet();
    String why = UnopenedEntry.why(file);
    if (why != null) {
      return UnopenedEntry.refuse(file, why, dryRun, store, reports);
    }
    LOG.info("picked up {} from the inbox", ShownName.of(file));
    return SyncRequest.fromInbox(folders.inbox(), file, dryRun);
  }

  /**
   * The inbox's entries to handle now, oldest first ({@link InboxFilter#ready}): the inbox route
   * asks at every poll and runs each in turn. None while a run of an earlier poll is in flight.
   */
  public List<Path> ready() {
    if (inFlight.get() > 0) {
      return List.of(); // one run at a time, whatever hands the poll back early
    }
    String stale = config.stale();
    readiness.configStale(stale);
    if (stale != null) {
      return List.of(); // the files wait in the inbox for a daemon with the config on disk
    }
    return filter.ready(folders.inbox());
  }

  /**
   * Moves the file by how its run ended: applied, partly failed, nothing to do or dry run to {@code
   * archive/}; refused to {@code quarantine/}; held to {@code held/}; Titan unreachable, an
   * unexpected error, the run lock busy or a logs folder that cannot take the run (the file is not
   * to blame) leaves it in the inbox, tried again after the retry delay. A partly failed run that
   * ends while the daemon stops also stays, so the next start finishes it. A file that cannot be
   * moved where it belongs goes to quarantine; when even that fails it stays, set aside with a
   * logged reason, and newer files pass it.
   */
  public void settle(Exchange ex) {
    Path file = ex.getProperty(FILE, Path.class);
    RunSummary summary = ex.getMessage().getBody(RunSummary.class);
    try {
      if (file == null || summary == null) {
        LOG.error("an inbox run ended without its file or summary; nothing moved");
        return;
      }
      MDC.put(RunIdLogging.KEY, summary.runId());
      settle(file, summary, ex.getContext().isStopping());
    } finally {
      MDC.remove(RunIdLogging.KEY);
      ended(ex);
    }
  }

  private void settle(Path file, RunSummary summary, boolean stopping) {
    String name = ShownName.of(file);
    metrics.record(summary);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      LOG.warn("{} left the inbox during its run (moved by hand?)", name);
      forget(file);
      return;
    }
    RunStatus status = summary.status();
    Path moved;
    try {
      switch (status) {
        case APPLIED, NOTHING_TO_DO, DRY_RUN, PARTIAL -> {
          if (status == RunStatus.PARTIAL && stopping) {
            LOG.warn(
                "{}: run cut short by the stop; the file stays in the inbox and is processed"
                    + " again at the next start",
                name);
            return;
          }
          moved = folders.archive(file, summary.runId(), LocalDate.now(ZoneId.systemDefault()));
          LOG.info("{} {}: archived as {}", name, status.label(), shown(moved));
        }
        case REFUSED -> {
          moved = folders.quarantine(file, summary.runId(), reason(summary, "refused"));
          LOG.warn(
              "{} refused ({}): moved to {}",
              name,
              ShownName.escape(summary.message()),
              shown(moved));
        }
        case HELD -> {
          moved = folders.hold(file, summary.runId(), reason(summary, "held"));
          LOG.warn(
              "{} held by a guardrail: moved to {}; approve with `{}`",
              name,
              shown(moved),
              ResultFile.approveCommand(summary));
        }
        case UNREACHABLE, ERROR, BUSY, STORAGE -> {
          filter.retryLater(file, retryDelay);
          readiness.failed(file, status.label() + ": " + ShownName.escape(summary.message()));
          LOG.warn(
              "{} stays in the inbox ({}: {}); tried again in {} s, newer files wait behind it",
              name,
              status.label(),
              ShownName.escape(summary.message()),
              retryDelay.toSeconds());
          return;
        }
      }
      forget(file);
    } catch (IOException | RuntimeException e) {
      cannotMove(file, summary, e);
    }
  }

  /** The move after a run failed: quarantine, or, when that fails too, leave it set aside. */
  private void cannotMove(Path file, RunSummary summary, Exception first) {
    String name = ShownName.of(file);
    String why = ShownName.escape(first.toString());
    if (summary.status() != RunStatus.REFUSED) {
      try {
        String reason =
            reason(summary, summary.status().label())
                + "\nIt could not be moved where it belongs ("
                + why
                + "), so it was put here instead.\n";
        Path moved = folders.quarantine(file, summary.runId(), reason);
        LOG.error(
            "could not move {} after run {} ({}): moved to {} instead",
            name,
            summary.runId(),
            why,
            shown(moved));
        forget(file);
        return;
      } catch (IOException | RuntimeException e) {
        why = why + "; quarantine: " + ShownName.escape(e.toString());
      }
    }
    filter.setAside(file);
    readiness.setAside(file, why);
    LOG.error(
        "could not move {} after run {} ({}): it stays in the inbox, set aside; newer files pass"
            + " it",
        name,
        summary.runId(),
        why);
  }

  /** The run itself failed (its folder could not be made, ...): the file stays for later. */
  public void failed(Exchange ex) {
    Path file = ex.getProperty(FILE, Path.class);
    ended(ex);
    Object cause = ex.getProperty(Exchange.EXCEPTION_CAUGHT);
    String why = cause == null ? "unknown error" : ShownName.escape(cause.toString());
    if (file == null) {
      LOG.error("an inbox file could not be synced ({})", why);
      return;
    }
    filter.retryLater(file, retryDelay);
    readiness.failed(file, why);
    LOG.error(
        "{} could not be synced ({}); it stays in the inbox, tried again in {} s",
        ShownName.of(file),
        why,
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

  /** Runs in flight now (for tests and the stop). */
  public int inFlight() {
    return inFlight.get();
  }

  /** Ends the exchange's run once, however many of settle and failed see it. */
  private void ended(Exchange ex) {
    if (ex.removeProperty(IN_FLIGHT) == null) {
      return;
    }
    synchronized (inFlight) {
      if (inFlight.get() > 0) {
        inFlight.decrementAndGet();
      }
      inFlight.notifyAll();
    }
  }

  /**
   * A run that ends {@code storage} (the logs folder cannot take it) is tried again every {@code
   * retry_seconds} while the disk stays full: its file's first such run is mailed, the next ones
   * are not (readiness says DOWN meanwhile), until a run of the file ends otherwise.
   */
  private boolean mailDue(Path file, RunSummary run) {
    if (run.status() != RunStatus.STORAGE) {
      storageMailed.remove(file);
      return true;
    }
    if (storageMailed.add(file)) {
      return true;
    }
    LOG.info(
        "run {}: no mail: {} still cannot run for a logs folder problem, mailed at its first such"
            + " run",
        run.runId(),
        ShownName.of(file));
    return false;
  }

  private void forget(Path file) {
    storageMailed.remove(file);
    filter.done(file);
    readiness.cleared(file);
  }

  private static String shown(Path moved) {
    Path parent = moved.getParent();
    return parent == null ? ShownName.of(moved) : parent + "/" + ShownName.of(moved);
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
        .append(ShownName.escape(s.message()))
        .append('\n');
    for (String why : s.holdReasons()) {
      text.append("- ").append(ShownName.escape(why)).append('\n');
    }
    text.append("\nReport: ")
        .append(store.runsDir().resolve(s.runId()).resolve("report.txt"))
        .append('\n');
    if (what.equals("held")) {
      // The command of the run's own setup (its --config, --sandbox): it works when pasted.
      text.append("Approve with: ").append(ResultFile.approveCommand(s)).append('\n');
    } else {
      text.append("To process it again, correct it and move it back into ")
          .append(folders.inbox())
          .append('\n');
    }
    return text.toString();
  }
}
