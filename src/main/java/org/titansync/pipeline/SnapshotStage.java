package org.titansync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.run.Inputs;
import org.titansync.run.RunContext;

/**
 * Stage snapshot of routes/sync.camel.yaml: Titan as it is now, read once in pages (started beside
 * the file's read).
 */
public final class SnapshotStage {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStage.class);

  /** Stage snapshot. */
  public RunContext snapshot(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(ctx, () -> read(ctx));
  }

  /** Waits for Titan's read the run's inputs started. */
  void read(RunContext ctx) throws TitanFailure {
    Inputs inputs = ctx.inputs();
    Snapshot snapshot = inputs.snapshot();
    ctx.titanReadSeconds(inputs.secondsSinceStart());
    LOG.info(
        "read Titan: {} sites, {} roles, {} users ({} s after the reads started)",
        snapshot.sites().size(),
        snapshot.roles().size(),
        snapshot.users().size(),
        Stage.seconds(ctx.titanReadSeconds()));
  }
}
