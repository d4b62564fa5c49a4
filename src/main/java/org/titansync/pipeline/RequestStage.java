package org.titansync.pipeline;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.RunContext;
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

  /** Stage record-request: never fails the run; a request.json that cannot be written is logged. */
  public RunContext recordRequest(RunContext ctx) {
    return Stage.withRunId(ctx, () -> write(ctx));
  }

  private void write(RunContext ctx) {
    try {
      RequestFile.of(ctx).write(store, ctx.runDir());
    } catch (IOException e) {
      LOG.error("run {}: could not write {}", ctx.runId(), RequestFile.FILE, e);
    }
  }
}
