package org.titansync.pipeline;

import org.titansync.run.RunContext;
import org.titansync.run.RunSummary;

/**
 * The stages of routes/sync.camel.yaml that write a run's reports: record-plan (plan.json) and
 * report (result.json, report.txt, report.html, and the run's end as {@link RunEnd} records it).
 * They live in the report package, which depends on this one and not the other way round; {@link
 * SyncJob} reaches them through this interface.
 */
public interface RunReporting {
  /** Stage record-plan. */
  RunContext recordPlan(RunContext ctx);

  /** Stage report: ends the run; never throws, and releases the run lock. */
  RunSummary finish(RunContext ctx);
}
