package org.titansync.run;

/**
 * Route held of routes/sync.camel.yaml, stage record-hold: hold.json, why the run is held and the
 * ceiling an approval of it allows.
 */
public final class HoldStage {
  private final RunStore store;

  public HoldStage(RunStore store) {
    this.store = store;
  }

  /** Stage record-hold. */
  public RunContext recordHold(RunContext ctx) {
    if (!Stage.recording(ctx) || !ctx.held()) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          HoldFile.of(ctx.runId(), ctx.verdict(), ctx.plan()).write(store, ctx.runDir());
        });
  }
}
