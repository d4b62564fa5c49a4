package org.titansync.pipeline;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.PlanSource;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunPurpose;
import org.titansync.store.RequestFile;
import org.titansync.store.StateFolder;

/**
 * Stage record-request of routes/sync.camel.yaml: request.json, what the run was asked to do and
 * what approving it would plan from, whatever the stages before it made of the run.
 */
public final class RequestStage {
  private static final Logger LOG = LoggerFactory.getLogger(RequestStage.class);

  private final StateFolder store;

  public RequestStage(StateFolder store) {
    this.store = store;
  }

  /**
   * Stage record-request: never fails the run; a request.json that cannot be written is logged.
   *
   * @param planned what the run planned; null when it stopped before
   * @param source for an approval, what the held run plans from again; null when not known
   */
  public void recordRequest(RunContext ctx, Planned planned, PlanSource source) {
    RunPurpose purpose = ctx.request().purpose();
    RunPurpose plansFrom =
        planned != null
            ? planned.plansFrom()
            : source != null
                ? (source.againAnUndo() ? source.undo() : new RunPurpose.Sync())
                : purpose instanceof RunPurpose.Approve ? null : purpose;
    try {
      RequestFile.of(ctx, plansFrom).write(store, ctx.runDir());
    } catch (IOException e) {
      LOG.error("run {}: could not write {}", ctx.runId(), RequestFile.FILE, e);
    }
  }
}
