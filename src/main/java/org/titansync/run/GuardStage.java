package org.titansync.run;

import java.util.Optional;
import org.titansync.guard.Baseline;

/**
 * Stage guard of routes/sync.camel.yaml (purpose sync): the guardrails' verdict on the plan,
 * against the last accepted file and the runs of the window.
 */
public final class GuardStage {
  private final RunSettings settings;
  private final RunStore store;

  public GuardStage(RunSettings settings, RunStore store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage guard. */
  public RunContext guard(RunContext ctx) {
    if (!Stage.planning(ctx) || ctx.plan() == null) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          Optional<Baseline> last =
              store
                  .lastAccepted()
                  .map(l -> new Baseline(l.runId(), l.dataRows(), l.headers(), l.format()));
          ctx.judge(
              settings.withApprove(
                  ctx,
                  settings
                      .guardrails()
                      .evaluate(
                          ctx.plan(),
                          ctx.headers(),
                          settings.fileFormat(),
                          last,
                          settings.window(store),
                          ctx.holders(),
                          ctx.accounts())));
          ctx.notes().addAll(ctx.verdict().notes());
        });
  }
}
