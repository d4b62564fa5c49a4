package org.titansync.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.Missing;
import org.titansync.plan.OwnershipDelta;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.Judged;
import org.titansync.run.MemoryRead;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunPurpose;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.store.LastAccepted;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;
import org.titansync.store.WrittenTally;

/**
 * What a run leaves behind as it ends, besides its reports: the last accepted file (the measure of
 * the next run), its line in the window ledger, titan-sync's memory of its Titan, the run lock
 * released; and how a run whose result could not be recorded ends.
 */
public final class RunEnd {
  private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

  private final RunSettings settings;
  private final StateFolder store;
  private final RunSummarizer summarizer;

  public RunEnd(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
    this.summarizer = new RunSummarizer(settings.config());
  }

  public StateFolder store() {
    return store;
  }

  /**
   * The summary as it stands now.
   *
   * @param planned what the run planned; null when it stopped before
   * @param judged what the guardrails decided; null when they did not
   */
  public RunSummary summary(RunContext ctx, Planned planned, Judged judged) {
    return summarizer.summary(ctx, planned, judged);
  }

  /**
   * Makes an accepted run's file the measure of the next run (or, after a revert, puts back the one
   * before the undone run's) and adds a run that wrote to Titan to the window ledger.
   */
  public void settle(RunContext ctx, Planned planned, RunSummary summary) throws IOException {
    boolean accepted =
        summary.status() == RunStatus.APPLIED
            || summary.status() == RunStatus.PARTIAL
            || summary.status() == RunStatus.NOTHING_TO_DO;
    if (planned != null && planned.fromFile() && accepted) {
      accept(ctx, planned.file(), summary);
    } else if (planned != null
        && planned.plansFrom() instanceof RunPurpose.Revert r
        && accepted
        && !ctx.request().dryRun()) {
      LastAccepted.restoreBefore(store, r.runId());
    }
    recordInWindow(ctx, summary);
    rememberTitan(ctx, planned);
  }

  /**
   * The memory of the run's Titan after it: what it owns (what the run adopted and named, a grant
   * whose answer was lost among it; what its writes took away released) and, for a run from a file,
   * who is missing. Only a run that recorded, before its first write, how it changes that memory
   * records this. Should the memory not take it, the next run adds the run's ownership lines from
   * the audit log, and counts who is missing as before this run.
   */
  private void rememberTitan(RunContext ctx, Planned planned) {
    OwnershipDelta delta = ctx.owning();
    if (delta == null || planned == null || planned.memory() == null) {
      return;
    }
    MemoryRead before = planned.memory();
    List<Change> made = new ArrayList<>();
    for (Change c : planned.plan().changes()) {
      ChangeOutcome outcome = ctx.outcomes().get(c.key());
      if (outcome != null && outcome.state() == ChangeOutcome.State.DONE) {
        made.add(c);
      }
    }
    List<Missing> missing =
        planned.fromFile()
            ? planned.plan().keeping().missingAfter()
            : List.copyOf(before.missing().values());
    OwnershipDelta taken = OwnershipDelta.takenBy(made);
    if (delta.isEmpty() && taken.isEmpty() && before.unchangedBy(missing)) {
      return; // the file already says all this: a no-op of a large district rewrote megabytes
    }
    try {
      settings
          .memory(store)
          .ended(ctx.runId(), Instant.now(), before.ownership().after(delta), taken, missing);
    } catch (IOException e) {
      LOG.error(
          "run {}: could not record what titan-sync owns in Titan after it ({}); the next run"
              + " reads it from the audit log",
          ctx.runId(),
          e.getMessage());
    }
  }

  /**
   * A run whose result or reports could not be written ends as a logs folder problem, never as
   * done: the run fails so, and the summary says it.
   */
  public RunSummary unrecorded(
      RunContext ctx, Planned planned, Judged judged, RunSummary summary, Exception e) {
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
    return summarizer.summary(ctx, planned, judged);
  }

  /** Logs how the run ended. */
  public void ended(RunContext ctx, RunSummary summary) {
    if (ctx.applySeconds() >= 0) {
      LOG.info(
          "run {} applied its plan in {} s", ctx.runId(), RunFailure.seconds(ctx.applySeconds()));
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
  private void recordInWindow(RunContext ctx, RunSummary summary) {
    WindowEntry started = ctx.writing();
    if (started == null || ctx.request().dryRun()) {
      return;
    }
    Tally written = WrittenTally.of(summary.plan(), summary.outcomes(), settings.privilegedRoles());
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
  static String excused(RunContext ctx, Judged judged) {
    return ctx.request().purpose() instanceof RunPurpose.Approve
        ? "approved"
        : judged.verdict().firstLoad() ? "first_load" : "";
  }

  /**
   * Makes this run's file the one the next run is compared with, keeping the one it replaces in the
   * run folder so that a revert of this run can put it back.
   */
  private void accept(RunContext ctx, Planned.FileFacts file, RunSummary summary)
      throws IOException {
    new LastAccepted(
            ctx.runId(),
            ctx.request().file().toString(),
            file.dataRows(),
            file.headers(),
            summary.finishedAt(),
            settings.fileFormat(file.format()))
        .accept(store, ctx.runDir());
  }
}
