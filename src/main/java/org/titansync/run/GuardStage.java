package org.titansync.run;

import java.util.Optional;
import org.titansync.guard.Baseline;
import org.titansync.guard.UnreadableWindow;
import org.titansync.guard.Verdict;

/**
 * Stage guard of routes/sync.camel.yaml (purpose sync): the guardrails' verdict on the plan,
 * against the last accepted file and the runs of the window; the whole plan held when the window's
 * memory, or titan-sync's memory of its Titan, cannot be read.
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
          WindowRead window = WindowRead.of(settings, store, ctx);
          Verdict verdict =
              settings
                  .guardrails()
                  .evaluate(
                      ctx.plan(),
                      ctx.headers(),
                      settings.fileFormat(ctx.exportFormat()),
                      last,
                      window.window(),
                      ctx.holders(),
                      ctx.accounts(),
                      ctx.sitesLeft());
          verdict = window.holdIfUnknown(verdict, ctx.plan());
          if (ctx.memoryUnreadable() != null) {
            verdict = UnreadableWindow.holdMemory(verdict, ctx.plan(), ctx.memoryUnreadable());
          }
          ctx.judge(settings.withApprove(ctx, verdict));
          ctx.notes().addAll(ctx.verdict().notes());
        });
  }
}
