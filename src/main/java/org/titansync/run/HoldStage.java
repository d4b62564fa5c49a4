package org.titansync.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.guard.Verdict;

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
          Verdict v = ctx.verdict();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("run_id", ctx.runId());
          m.put("scope", v.removalsOnly() ? "removals" : "all");
          m.put("checks", v.checks());
          m.put("reasons", v.sentences());
          m.put("likely_cause", v.likelyCause());
          m.put("removals_by_site", v.removalsBySite());
          m.put("figures", v.figures());
          m.put("privileged_holders", v.holders());
          m.put("held_changes", v.heldKeys().size());
          m.put("ceiling", ApprovalCeiling.of(ctx.plan()).entries());
          store.writeJson(ctx.runDir().resolve(PastRun.HOLD_FILE), m);
        });
  }
}
