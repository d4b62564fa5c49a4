package org.titansync.run;

import java.util.function.Function;
import org.titansync.config.SyncConfig;
import org.titansync.titan.TitanClient;

/**
 * The stage beans of routes/sync.camel.yaml for one config, built once: the routes name each by its
 * own ref ({@code app.PipelineConfiguration} binds them). {@link #prepare} and {@link #finish} run
 * the same stages in the same order for a caller without Camel (tests).
 */
public final class SyncJob {
  private final RunStore store;
  private final StartStage start;
  private final ReadRosterStage readRoster;
  private final SnapshotStage snapshot;
  private final PlanStage plan;
  private final GuardStage guard;
  private final ApproveStage approve;
  private final RevertStage revert;
  private final HoldStage hold;
  private final ReadyStage ready;
  private final RequestStage request;
  private final RunEnd end;
  private final RunReporting reporting;

  /**
   * @param reporting makes the stages that write the run's reports (record-plan, report), the
   *     report package's, from how the run ends
   */
  public SyncJob(
      SyncConfig config,
      TitanClient client,
      RunStore store,
      Function<RunEnd, RunReporting> reporting) {
    RunSettings settings = new RunSettings(config);
    this.store = store;
    this.start = new StartStage(config, store);
    this.readRoster = new ReadRosterStage(settings, client, store);
    this.snapshot = new SnapshotStage();
    this.plan = new PlanStage(settings);
    this.guard = new GuardStage(settings, store);
    this.revert = new RevertStage(settings, client, store);
    this.approve = new ApproveStage(settings, store, readRoster, snapshot, plan, revert);
    this.hold = new HoldStage(settings, store);
    this.ready = new ReadyStage(settings, store);
    this.request = new RequestStage(store);
    this.end = new RunEnd(settings, store);
    this.reporting = reporting.apply(end);
  }

  public RunStore store() {
    return store;
  }

  /**
   * Everything before the first write, the stages of routes/sync.camel.yaml in its order. Never
   * throws: failures end up in the context.
   */
  public RunContext prepare(SyncRequest syncRequest) {
    RunContext ctx = start.start(syncRequest);
    switch (ctx.getPurpose()) {
      case "approve" -> approve.approve(ctx);
      case "revert" -> revert.guardUndo(revert.planRevert(ctx));
      default -> guard.guard(plan.plan(snapshot.snapshot(readRoster.readRoster(ctx))));
    }
    reporting.recordPlan(ctx);
    if (ctx.isHeldByGuardrail()) {
      hold.recordHold(ctx);
    }
    return request.recordRequest(ready.ready(ctx));
  }

  /** Stage report: result.json and the reports; releases the run lock. Never throws. */
  public RunSummary finish(RunContext ctx) {
    return reporting.finish(ctx);
  }

  public StartStage start() {
    return start;
  }

  public ReadRosterStage readRoster() {
    return readRoster;
  }

  public SnapshotStage snapshot() {
    return snapshot;
  }

  public PlanStage plan() {
    return plan;
  }

  public GuardStage guard() {
    return guard;
  }

  public ApproveStage approve() {
    return approve;
  }

  public RevertStage revert() {
    return revert;
  }

  public HoldStage hold() {
    return hold;
  }

  public ReadyStage ready() {
    return ready;
  }

  public RequestStage request() {
    return request;
  }

  public RunReporting reporting() {
    return reporting;
  }
}
