package org.titansync.pipeline;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.report.ReportWriter;
import org.titansync.run.Judged;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/**
 * Stages record-plan and report of routes/sync.camel.yaml: plan.json once the run has a judged
 * plan; result.json, report.txt and report.html as it ends.
 */
public final class ReportStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReportStage.class);

  private final RunEnd end;
  private final StateFolder store;
  private final ReportWriter reports = new ReportWriter();

  public ReportStage(RunEnd end) {
    this.end = end;
    this.store = end.store();
  }

  /** Stage record-plan: plan.json in the run folder, what a dry run shows and apply executes. */
  public Judged recordPlan(RunContext ctx, Judged judged) throws StateFolder.NoRoom {
    try {
      reports.writePlan(store, ctx.runDir(), end.summary(ctx, judged.planned(), judged));
    } catch (IOException e) {
      throw new StateFolder.NoRoom(
          "cannot write the plan into the run folder " + ctx.runDir() + ": " + e.getMessage(), e);
    }
    return judged;
  }

  /**
   * Stage report: the run's end as {@link RunEnd} records it, result.json and the reports; releases
   * the run lock and says how the run ended. Never throws. A run whose result or reports could not
   * be written ends as a logs folder problem, never as done.
   *
   * @param planned what the run planned; null when it ended before
   * @param judged what the guardrails decided; null when they did not
   */
  public RunSummary finish(RunContext ctx, Planned planned, Judged judged) {
    try {
      RunSummary summary = end.summary(ctx, planned, judged);
      try {
        end.settle(ctx, planned, summary);
        reports.writeResult(store, ctx.runDir(), summary);
      } catch (IOException | RuntimeException e) {
        summary = end.unrecorded(ctx, planned, judged, summary, e);
        try {
          // result.json, when it can be written, must not say "applied" for a run that ends so.
          reports.writeResult(store, ctx.runDir(), summary);
        } catch (IOException | RuntimeException again) {
          LOG.debug("run {}: result.json still cannot be written", ctx.runId(), again);
        }
      }
      end.ended(ctx, summary);
      return summary;
    } finally {
      end.release(ctx);
    }
  }
}
