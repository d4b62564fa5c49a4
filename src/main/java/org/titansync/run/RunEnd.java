package org.titansync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;

/**
 * What a run leaves behind as it ends, besides its reports: the last accepted file (the measure of
 * the next run), its line in the window ledger, the run lock released; and how a run whose result
 * could not be recorded ends.
 */
public final class RunEnd {
  private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

  /** In a run folder: the last accepted file this run's file replaced. */
  private static final String PREVIOUS_ACCEPTED = "previous-accepted.json";

  private final RunSettings settings;
  private final RunStore store;
  private final RunSummarizer summarizer;

  public RunEnd(RunSettings settings, RunStore store) {
    this.settings = settings;
    this.store = store;
    this.summarizer = new RunSummarizer(settings.config());
  }

  public RunStore store() {
    return store;
  }

  /** The summary as it stands now. */
  public RunSummary summary(RunContext ctx) {
    return summarizer.summary(ctx);
  }

  /**
   * Makes an accepted run's file the measure of the next run (or, after a revert, puts back the one
   * before the undone run's) and adds a run that wrote to Titan to the window ledger.
   */
  public void settle(RunContext ctx, RunSummary summary) throws IOException {
    boolean accepted =
        summary.status() == RunStatus.APPLIED
            || summary.status() == RunStatus.PARTIAL
            || summary.status() == RunStatus.NOTHING_TO_DO;
    if (ctx.fromFile() && accepted) {
      accept(ctx, summary);
    } else if (ctx.plansFrom() instanceof RunPurpose.Revert r
        && accepted
        && !ctx.request().dryRun()) {
      restoreAccepted(r.runId());
    }
    recordInWindow(ctx);
  }

  /**
   * A run whose result or reports could not be written ends as a logs folder problem, never as
   * done: the run fails so, and the summary says it.
   */
  public RunSummary unrecorded(RunContext ctx, RunSummary summary, Exception e) {
    LOG.error("run {}: could not write its reports: {}", ctx.runId(), e.toString());
    ctx.fail(
        RunStatus.STORAGE,
        "the run's result and reports could not be written into "
            + ctx.runDir()
            + " ("
            + e.getMessage()
            + "): "
            + summary.message()
            + ". The audit log "
            + store.audit().file()
            + " lists every write sent to Titan");
    return summarizer.summary(ctx);
  }

  /** Logs how the run ended. */
  public void ended(RunContext ctx, RunSummary summary) {
    if (ctx.applySeconds() >= 0) {
      LOG.info("run {} applied its plan in {} s", ctx.runId(), Stage.seconds(ctx.applySeconds()));
    }
    LOG.info("run {} ended: {}", ctx.runId(), summary.message());
  }

  /** Releases the run's lock, if it holds it; safe to call twice. */
  public void release(RunContext ctx) {
    if (ctx != null) {
      ctx.releaseLock();
    }
  }

  /**
   * The run's entry in the window ledger, made as it started writing, now says what it wrote: every
   * write that may have been made, covered when an approval or the first load allowed them. Should
   * the ledger not take it, the entry stays as written ahead (what the run planned, an upper bound)
   * and the next run counts the run from the audit log.
   */
  private void recordInWindow(RunContext ctx) {
    WindowEntry started = ctx.writing();
    if (started == null || ctx.request().dryRun()) {
      return;
    }
    Tally written = WrittenTally.of(ctx, settings.privilegedRoles());
    try {
      settings.ledger(store).ended(started.ended(Instant.now().getEpochSecond(), written));
    } catch (IOException e) {
      LOG.error(
          "run {}: could not record what it wrote in {} ({}); the next run counts it from the"
              + " audit log",
          ctx.runId(),
          WindowLedger.FILE,
          e.getMessage());
    }
  }

  /** Why a run's changes do not count against the limits: an approval, the first load, or none. */
  static String excused(RunContext ctx) {
    return ctx.request().purpose() instanceof RunPurpose.Approve
        ? "approved"
        : ctx.verdict().firstLoad() ? "first_load" : "";
  }

  /**
   * Makes this run's file the one the next run is compared with, keeping the one it replaces in the
   * run folder so that a revert of this run can put it back.
   */
  private void accept(RunContext ctx, RunSummary summary) throws IOException {
    Optional<LastAccepted> previous = store.lastAccepted();
    if (previous.isPresent()) {
      store.writeJson(ctx.runDir().resolve(PREVIOUS_ACCEPTED), previous.get());
    }
    store.saveLastAccepted(
        new LastAccepted(
            ctx.runId(),
            ctx.request().file().toString(),
            ctx.dataRows(),
            ctx.headers(),
            summary.finishedAt(),
            settings.fileFormat(ctx.exportFormat())));
  }

  /**
   * After a revert of the run whose file is the last accepted one, the file before it is the last
   * accepted again: an undone truncated file must not become the measure of the next one.
   */
  private void restoreAccepted(String revertedRunId) throws IOException {
    Optional<LastAccepted> last = store.lastAccepted();
    if (last.isEmpty() || !revertedRunId.equals(last.get().runId())) {
      return;
    }
    Path previous = store.folder(revertedRunId).resolve(PREVIOUS_ACCEPTED);
    if (Files.isRegularFile(previous)) {
      store.saveLastAccepted(store.json().readValue(previous.toFile(), LastAccepted.class));
    } else {
      store.forgetLastAccepted();
    }
  }
}
