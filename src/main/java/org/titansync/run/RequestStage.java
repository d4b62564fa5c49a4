package org.titansync.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage record-request of routes/sync.camel.yaml: request.json, what the run was asked to do and
 * what approving it would plan from, whatever the stages before it made of the run.
 */
public final class RequestStage {
  private static final Logger LOG = LoggerFactory.getLogger(RequestStage.class);

  private final RunStore store;

  public RequestStage(RunStore store) {
    this.store = store;
  }

  /** Stage record-request: never fails the run; a request.json that cannot be written is logged. */
  public RunContext recordRequest(RunContext ctx) {
    return Stage.withRunId(ctx, () -> write(ctx));
  }

  private void write(RunContext ctx) {
    SyncRequest r = ctx.request();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", ctx.runId());
    m.put("started_at", ctx.startedAt());
    m.put("trigger", r.trigger());
    m.put("purpose", r.purpose().id());
    m.put("input", r.file().toString());
    m.put("dry_run", r.dryRun());
    if (r.purpose() instanceof RunPurpose.Approve a) {
      m.put("approves", a.heldRunId());
    }
    if (r.purpose() instanceof RunPurpose.Revert v) {
      m.put("reverts", v.runId());
      m.put("delete_created", v.deleteCreated());
    }
    if (ctx.plansFrom() != null) {
      m.put("plans_from", PastRun.plansFromJson(ctx.plansFrom()));
    }
    try {
      store.writeJson(ctx.runDir().resolve(PastRun.REQUEST_FILE), m);
    } catch (IOException e) {
      LOG.error("run {}: could not write {}", ctx.runId(), PastRun.REQUEST_FILE, e);
    }
  }
}
