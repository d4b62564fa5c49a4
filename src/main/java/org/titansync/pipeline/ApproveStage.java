package org.titansync.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.guard.Check;
import org.titansync.guard.Guardrails;
import org.titansync.guard.Reason;
import org.titansync.guard.Verdict;
import org.titansync.run.Judged;
import org.titansync.run.PlanSource;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunInput;
import org.titansync.run.RunPurpose;
import org.titansync.run.RunStatus;
import org.titansync.run.RunStopped;
import org.titansync.store.Approval;
import org.titansync.store.InputRecord;
import org.titansync.store.PastRun;
import org.titansync.store.StateFolder;

/**
 * Stages approvable and approve of routes/sync.camel.yaml (purpose approve): a held run is planned
 * again against Titan as it is now (the route plans from its copy of the export, or as the undo it
 * was); the plan goes ahead only when it removes and updates nothing beyond what was held, and the
 * approval is recorded (used once).
 */
public final class ApproveStage {
  /** Lines of difference a refused approval prints before "... and N more". */
  private static final int MAX_DIFFERENCE_SHOWN = 20;

  private final RunSettings settings;
  private final StateFolder store;

  public ApproveStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /**
   * Stage approvable: what the held run plans from again (its copy of the export, or the undo it
   * was), when it can be approved here.
   *
   * @throws RunStopped when there is no such run, it cannot be approved (not held, approved
   *     already, held against another Titan), or its record of its input cannot be read
   */
  public PlanSource source(RunContext ctx) throws IOException, RunStopped {
    PastRun held = held(ctx);
    Optional<String> why =
        held.whyNotApprovable()
            .or(
                () ->
                    TitanCheck.approveRefusal(
                        held, settings.config().titan().identity(), settings.config().source()));
    if (why.isPresent()) {
      throw new RunStopped(RunStatus.REFUSED, why.get());
    }
    if (held.plansFrom() instanceof RunPurpose.Revert r) {
      return new PlanSource(null, r);
    }
    try {
      // Its normalized copy of a OneRoster or SDS export, or its copy of the CSV.
      Optional<InputRecord> record = InputRecord.read(store, held.dir());
      return new PlanSource(
          record.isPresent()
              ? record.get().copyAt(held.inputCopy())
              : RunInput.Export.of(held.inputCopy()),
          null);
    } catch (IOException e) {
      throw new RunStopped(
          RunStatus.REFUSED,
          "run "
              + held.runId()
              + ": its "
              + InputRecord.FILE
              + " cannot be read ("
              + e.getMessage()
              + "), so what it planned from cannot be read again");
    }
  }

  /**
   * Stage approve: the plan made again goes ahead only when it removes and updates nothing beyond
   * what was held, and the approval is claimed (used once). Not judged by the limits, but its
   * report still shows how the privileged roles' holders move.
   *
   * @throws RunStopped when another approval claimed the held run meanwhile
   */
  public Judged judge(RunContext ctx, Planned planned) throws IOException, RunStopped {
    PastRun held = held(ctx);
    Verdict none = Verdict.none().withHolders(planned.holders());
    // The approval stands in for the limits, yet its writes go into the window: with the window's
    // memory unreadable, nothing is written.
    WindowRead window = WindowRead.of(settings, store, ctx);
    if (window.unreadable() != null) {
      return new Judged(
          planned, settings.withApprove(ctx, planned, window.holdIfUnknown(none, planned.plan())));
    }
    if (planned.memory() != null && !planned.memory().readable()) {
      return new Judged(
          planned, settings.withApprove(ctx, planned, GuardStage.holdIfForgotten(planned, none)));
    }
    List<ApprovalCeiling.Entry> beyond = held.ceiling().beyond(planned.plan());
    if (!beyond.isEmpty()) {
      return new Judged(
          planned,
          settings.withApprove(
              ctx,
              planned,
              Guardrails.holdAll(
                  planned.plan(),
                  new Reason(
                      Check.APPROVAL_CEILING,
                      ApprovalCeiling.describeRefusal(held.runId(), beyond, MAX_DIFFERENCE_SHOWN)),
                  "Titan changed after run "
                      + held.runId()
                      + " was held (or the config did): this plan is new and needs its own look."
                      + " If it is right, approve this run instead: "
                      + settings.approveCommand(ctx.runId()))));
    }
    if (ctx.request().dryRun()) {
      ctx.notes()
          .add(
              "Dry run: approving run "
                  + held.runId()
                  + " now would apply this plan; the approval is not used up.");
      return new Judged(planned, none);
    }
    RunPurpose.Approve asked = (RunPurpose.Approve) ctx.request().purpose();
    Approval approval = Approval.now(held.runId(), ctx.runId(), asked.by(), asked.comment());
    if (!approval.claim(store, held.dir())) {
      Optional<Approval> other = Approval.read(store, held.dir());
      throw new RunStopped(
          RunStatus.REFUSED,
          "run "
              + held.runId()
              + " was approved meanwhile"
              + other.map(o -> " by " + o.describe()).orElse(""));
    }
    ctx.notes()
        .add("Approves held run " + held.runId() + ": approved by " + approval.describe() + ".");
    return new Judged(planned, none);
  }

  private PastRun held(RunContext ctx) throws IOException, RunStopped {
    String heldRunId = ((RunPurpose.Approve) ctx.request().purpose()).heldRunId();
    Optional<PastRun> found = PastRun.load(store, heldRunId);
    if (found.isEmpty()) {
      throw new RunStopped(RunStatus.REFUSED, "no run " + heldRunId + " under " + store.runsDir());
    }
    return found.get();
  }
}
