package org.titansync.run;

import java.util.Optional;
import org.titansync.guard.Baseline;
import org.titansync.guard.FileFormat;
import org.titansync.guard.Verdict;
import org.titansync.roster.RowError;

/**
 * Stage guard of routes/sync.camel.yaml (purpose sync): the guardrails' verdict on the plan,
 * against the last accepted file and the runs of the window; the whole plan held when the window's
 * memory cannot be read.
 */
public final class GuardStage {
  private final RunSettings settings;
  private final RunStore store;

  public GuardStage(RunSettings settings, RunStore store) {
    this.settings = settings;
    this.store = store;
  }

  /**
   * How the file was read, as the guardrails compare it with the last accepted file. Reading the
   * same bytes in another encoding changes names; but when no value of this file looks mis-decoded
   * (RowChecks), the names it gives are the export's own, and a change of encoding alone (the
   * advice followed, or "auto" choosing per file) is no reason to hold.
   */
  private static FileFormat compared(RunContext ctx, FileFormat format) {
    for (var e : ctx.plan().errors()) {
      if (e.message() != null && e.message().contains(RowError.MIS_DECODED)) {
        return format;
      }
    }
    return format.withoutEncoding();
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
                      compared(ctx, settings.fileFormat(ctx.exportFormat())),
                      last,
                      window.window(),
                      ctx.holders(),
                      ctx.accounts());
          ctx.judge(settings.withApprove(ctx, window.holdIfUnknown(verdict, ctx.plan())));
          ctx.notes().addAll(ctx.verdict().notes());
        });
  }
}
