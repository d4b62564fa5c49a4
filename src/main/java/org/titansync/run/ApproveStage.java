package org.titansync.run;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.guard.Check;
import org.titansync.guard.Guardrails;
import org.titansync.guard.Reason;
import org.titansync.guard.Verdict;
import org.titansync.plan.TitanFailure;
import org.titansync.roster.RosterException;

/**
 * Stage approve of routes/sync.camel.yaml (purpose approve): plans a held run again against Titan
 * as it is now, from its copy of the export or as the undo it was; goes ahead only when the new
 * plan removes and updates nothing beyond what was held, and records the approval (used once).
 */
public final class ApproveStage {
  /** Lines of difference a refused approval prints before "... and N more". */
  private static final int MAX_DIFFERENCE_SHOWN = 20;

  private final RunSettings settings;
  private final RunStore store;
  private final ReadRosterStage roster;
  private final SnapshotStage snapshot;
  private final PlanStage planner;
  private final RevertStage revert;

  public ApproveStage(
      RunSettings settings,
      RunStore store,
      ReadRosterStage roster,
      SnapshotStage snapshot,
      PlanStage planner,
      RevertStage revert) {
    this.settings = settings;
    this.store = store;
    this.roster = roster;
    this.snapshot = snapshot;
    this.planner = planner;
    this.revert = revert;
  }

  /** Stage approve. */
  public RunContext approve(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(ctx, () -> approve(ctx, (RunPurpose.Approve) ctx.request().purpose()));
  }

  private void approve(RunContext ctx, RunPurpose.Approve a)
      throws IOException, TitanFailure, RosterException {
    Optional<PastRun> found = PastRun.load(store, a.heldRunId());
    if (found.isEmpty()) {
      ctx.fail(RunStatus.REFUSED, "no run " + a.heldRunId() + " under " + store.runsDir());
      return;
    }
    PastRun held = found.get();
    Optional<String> why =
        held.whyNotApprovable()
            .or(
                () ->
                    TitanCheck.approveRefusal(
                        held,
                        settings.config().titan().identity(),
                        settings.config().configFile()));
    if (why.isPresent()) {
      ctx.fail(RunStatus.REFUSED, why.get());
      return;
    }
    ctx.plansFrom(held.plansFrom());
    if (!planAgain(ctx, held)) {
      return;
    }
    // Not judged again, but its report still shows how the privileged roles' holders move.
    ctx.judge(Verdict.none().withHolders(ctx.holders()));
    // The approval stands in for the limits, yet its writes go into the window: with the window's
    // memory unreadable, nothing is written.
    WindowRead window = WindowRead.of(settings, store, ctx);
    if (window.unreadable() != null) {
      ctx.judge(settings.withApprove(ctx, window.holdIfUnknown(ctx.verdict(), ctx.plan())));
      return;
    }
    List<ApprovalCeiling.Entry> beyond = held.ceiling().beyond(ctx.plan());
    if (!beyond.isEmpty()) {
      ctx.judge(
          settings.withApprove(
              ctx,
              Guardrails.holdAll(
                  ctx.plan(),
                  new Reason(
                      Check.APPROVAL_CEILING,
                      ApprovalCeiling.describeRefusal(held.runId(), beyond, MAX_DIFFERENCE_SHOWN)),
                  "Titan changed after run "
                      + held.runId()
                      + " was held (or the config did): this plan is new and needs its own look."
                      + " If it is right, approve this run instead: "
                      + settings.approveCommand(ctx.runId()))));
      return;
    }
    if (ctx.request().dryRun()) {
      ctx.notes()
          .add(
              "Dry run: approving run "
                  + held.runId()
                  + " now would apply this plan; the approval is not used up.");
      return;
    }
    RunPurpose.Approve asked = (RunPurpose.Approve) ctx.request().purpose();
    Approval approval = Approval.now(held.runId(), ctx.runId(), asked.by(), asked.comment());
    if (!approval.claim(store, held.dir())) {
      Optional<Approval> other = Approval.read(store, held.dir());
      ctx.fail(
          RunStatus.REFUSED,
          "run "
              + held.runId()
              + " was approved meanwhile"
              + other.map(o -> " by " + o.describe()).orElse(""));
      return;
    }
    ctx.notes()
        .add("Approves held run " + held.runId() + ": approved by " + approval.describe() + ".");
  }

  /** Plans the held run again: as the undo it was, or from its copy of the export. */
  private boolean planAgain(RunContext ctx, PastRun held)
      throws IOException, TitanFailure, RosterException {
    if (held.plansFrom() instanceof RunPurpose.Revert r) {
      return revert.plan(ctx, r);
    }
    RunInput input;
    try {
      input = RunInput.of(held, store);
    } catch (IOException e) {
      ctx.fail(
          RunStatus.REFUSED,
          "run "
              + held.runId()
              + ": its "
              + InputRecord.FILE
              + " cannot be read ("
              + e.getMessage()
              + "), so what it planned from cannot be read again");
      return false;
    }
    if (!roster.read(ctx, input)) {
      return false;
    }
    snapshot.read(ctx);
    planner.planFromInputs(ctx);
    return true;
  }
}
