package org.titansync.run;

/**
 * Route held of routes/sync.camel.yaml, stage record-hold: hold.json, why the run is held and the
 * ceiling an approval of it allows.
 */
public final class HoldStage {
  private final RunSettings settings;
  private final RunStore store;

  public HoldStage(RunSettings settings, RunStore store) {
    this.settings = settings;
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
          // The Titan it was judged against: an approval may apply it there only.
          HoldFile.of(ctx.runId(), settings.config().titan().identity(), ctx.verdict(), ctx.plan())
              .write(store, ctx.runDir());
        });
  }
}
