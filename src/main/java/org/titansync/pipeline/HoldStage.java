package org.titansync.pipeline;

import java.io.IOException;
import org.titansync.run.Judged;
import org.titansync.run.RunContext;
import org.titansync.store.HoldFile;
import org.titansync.store.StateFolder;

/**
 * Route held of routes/sync.camel.yaml, stage record-hold: hold.json, why the run is held and the
 * ceiling an approval of it allows.
 */
public final class HoldStage {
  private final RunSettings settings;
  private final StateFolder store;

  public HoldStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage record-hold. */
  public Judged recordHold(RunContext ctx, Judged judged) throws IOException {
    // The Titan it was judged against: an approval may apply it there only.
    HoldFile.of(ctx.runId(), settings.config().titan().identity(), judged.verdict(), judged.plan())
        .write(store, ctx.runDir());
    return judged;
  }
}
