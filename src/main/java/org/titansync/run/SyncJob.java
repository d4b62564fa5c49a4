package org.titansync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.guard.Baseline;
import org.titansync.guard.Check;
import org.titansync.guard.FileFormat;
import org.titansync.guard.Guardrails;
import org.titansync.guard.Limits;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Reason;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.Tally;
import org.titansync.guard.Verdict;
import org.titansync.guard.Window;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.plan.Protection;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanUser;
import org.titansync.report.ReportModel;
import org.titansync.report.ReportWriter;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;
import org.titansync.roster.RosterReader;
import org.titansync.titan.TitanClient;

/**
 * The steps of a sync around the apply route: read the file, read Titan once, plan, guard, write
 * the plan; then, after apply, write the result and reports. Free of Camel, so the same job runs
 * under the one-shot command and the daemon.
 */
public final class SyncJob {
  private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

  /** Lines of difference a refused approval prints before "... and N more". */
  private static final int MAX_DIFFERENCE_SHOWN = 20;

  /** In a run folder: the last accepted file this run's file replaced. */
  private static final String PREVIOUS_ACCEPTED = "previous-accepted.json";

  private final SyncConfig config;
  private final TitanPort client;
  private final RunStore store;
  private final ReportWriter reports = new ReportWriter();

  /** The longest run message shown: enough for a header line of some 50 columns. */
  static final int MAX_MESSAGE_CHARS = 1000;

  public SyncJob(SyncConfig config, TitanPort client, RunStore store) {
    this.config = config;
    this.client = client;
    this.store = store;
  }

  public RunStore store() {
    return store;
  }

  public TitanPort client() {
    return client;
  }

  /** Starts reading the file and Titan side by side (see {@link Inputs}). */
  public Inputs startInputs(Path file) {
    return Inputs.start(file, config, client);
  }

  /**
   * Everything before the first write, the stages of routes/sync.camel.yaml in its order, for a
   * caller without Camel. Never throws: failures end up in the context.
   */
  public RunContext prepare(SyncRequest request) {
    RunContext ctx = start(request);
    switch (ctx.getPurpose()) {
      case "approve" -> approve(ctx);
      case "revert" -> guardUndo(planRevert(ctx));
      default -> guard(plan(snapshot(readRoster(ctx))));
    }
    recordPlan(ctx);
    if (ctx.isHeldByGuardrail()) {
      recordHold(ctx);
    }
    return recordRequest(ready(ctx));
  }

  /** A stage's work; its exceptions end the run as {@link #stage} says. */
  private interface Stage {
    void run() throws IOException, TitanFailure, RosterException, RunLock.Busy;
  }

  /**
   * Runs one stage of the sync route. Never throws (but an Error): a failure ends up in the context
   * with the status its kind means, and the stages after it up to the reports do nothing.
   */
  private RunContext stage(RunContext ctx, Stage stage) {
    String before = org.slf4j.MDC.get("run_id");
    org.slf4j.MDC.put("run_id", ctx.runId());
    try {
      stage.run();
    } catch (RunLock.Busy e) {
      ctx.broke();
      ctx.fail(RunStatus.BUSY, e.getMessage());
    } catch (RunStore.NoRoom e) {
      ctx.broke();
      LOG.error("run {}: {}", ctx.runId(), e.getMessage());
      ctx.fail(RunStatus.STORAGE, e.getMessage());
    } catch (RosterException e) {
      ctx.broke();
      ctx.fail(RunStatus.REFUSED, e.getMessage());
    } catch (NoSuchFileException e) {
      ctx.broke();
      ctx.fail(RunStatus.REFUSED, "file not found: " + e.getFile());
    } catch (TitanFailure e) {
      ctx.broke();
      ctx.fail(
          e.handling() == TitanFailure.Handling.AUTH
                  || e.handling() == TitanFailure.Handling.UNREACHABLE
                  || e.handling() == TitanFailure.Handling.TRANSIENT
              ? RunStatus.UNREACHABLE
              : RunStatus.ERROR,
          e.getMessage());
    } catch (IOException | RuntimeException e) {
      ctx.broke();
      LOG.error("run {} failed", ctx.runId(), e);
      ctx.fail(RunStatus.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      if (before == null) {
        org.slf4j.MDC.remove("run_id");
      } else {
        org.slf4j.MDC.put("run_id", before);
      }
    }
    return ctx;
  }

  /** True when the planning stages go on: nothing failed or refused the run so far. */
  private static boolean planning(RunContext ctx) {
    return ctx.failure() == null;
  }

  /** True when the recording stages go on: a plan, and no stage ended by an exception. */
  private static boolean recording(RunContext ctx) {
    return ctx.plan() != null && !ctx.broken();
  }

  /**
   * Stage start: the run folder, then (but for a dry run) the room check and the run lock, and the
   * warning about a plain-http Titan elsewhere.
   */
  public RunContext start(SyncRequest request) {
    String runId = null;
    Path runDir = null;
    for (int attempt = 0; runDir == null; attempt++) {
      runId = RunId.next();
      try {
        runDir = store.create(runId);
      } catch (IOException e) {
        if (attempt >= 4) { // five ids taken in one millisecond: not a clash, a broken folder
          throw new IllegalStateException(
              "cannot create the run folder under " + store.runsDir(), e);
        }
      }
    }
    RunContext ctx = new RunContext(runId, runDir, request, now());
    return stage(
        ctx,
        () -> {
          LOG.info(
              "run {} started: {} {}{}",
              ctx.runId(),
              request.purpose().id(),
              request.file(),
              request.dryRun() ? " (dry run)" : "");
          if (!request.dryRun()) {
            // One run at a time per setup. A dry run writes nothing to Titan nor to the state the
            // next run is compared with, so it goes ahead beside a real run without the lock.
            store.checkRoom(config.sync().minFreeMb());
            ctx.lock(
                RunLock.acquire(
                    store.logs(),
                    ctx.runId(),
                    java.time.Duration.ofSeconds(config.sync().lockWaitSeconds()),
                    holder ->
                        LOG.warn(
                            "run {} waits up to {} s for another run to end ({})",
                            ctx.runId(),
                            config.sync().lockWaitSeconds(),
                            holder)));
          }
          if (!config.titan().baseUrl().isEmpty()) {
            TitanClient.plainTextWarning(config.titan().baseUrl())
                .ifPresent(
                    warning -> {
                      LOG.warn(warning);
                      ctx.notes().add(warning);
                    });
          }
        });
  }

  /** Stage read-roster (purpose sync): copies the export into the run folder and reads it. */
  public RunContext readRoster(RunContext ctx) {
    if (!planning(ctx)) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          ctx.plansFrom(ctx.request().purpose());
          readRoster(ctx, ctx.request().file());
        });
  }

  /** Stage snapshot: Titan as it is now, read once in pages (started beside the file's read). */
  public RunContext snapshot(RunContext ctx) {
    if (!planning(ctx)) {
      return ctx;
    }
    return stage(ctx, () -> readSnapshot(ctx));
  }

  /** Stage plan: the file's people against Titan's snapshot. */
  public RunContext plan(RunContext ctx) {
    if (!planning(ctx)) {
      return ctx;
    }
    return stage(ctx, () -> planChanges(ctx));
  }

  /**
   * Stage guard (purpose sync): the guardrails' verdict on the plan, against the last accepted file
   * and the runs of the window.
   */
  public RunContext guard(RunContext ctx) {
    if (!planning(ctx) || ctx.plan() == null) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          Optional<Baseline> last =
              store
                  .lastAccepted()
                  .map(l -> new Baseline(l.runId(), l.dataRows(), l.headers(), l.format()));
          Window window =
              Window.of(
                  config.guardrails().windowHours(),
                  new WindowLedger(store).read(config.titan().baseUrl()),
                  Instant.now().getEpochSecond());
          ctx.judge(
              withApprove(
                  ctx,
                  guardrails()
                      .evaluate(
                          ctx.plan(), ctx.headers(), fileFormat(), last, window, ctx.holders())));
          ctx.notes().addAll(ctx.verdict().notes());
        });
  }

  /** Stage approve (purpose approve): plans the held run again and checks it against its hold. */
  public RunContext approve(RunContext ctx) {
    if (!planning(ctx)) {
      return ctx;
    }
    return stage(ctx, () -> approve(ctx, (RunPurpose.Approve) ctx.request().purpose()));
  }

  /** Stage plan-revert (purpose revert): the undo of a run, from the audit log and Titan. */
  public RunContext planRevert(RunContext ctx) {
    if (!planning(ctx)) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          RunPurpose.Revert r = (RunPurpose.Revert) ctx.request().purpose();
          ctx.plansFrom(r);
          planRevert(ctx, r);
        });
  }

  /** Stage guard-undo (purpose revert): the guardrails' verdict on an undo. */
  public RunContext guardUndo(RunContext ctx) {
    if (!planning(ctx) || ctx.plan() == null) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          // Judged with the window (docs/operations.md, "Revert"), less the run it undoes.
          String undone = ((RunPurpose.Revert) ctx.request().purpose()).runId();
          Window window =
              Window.of(
                      config.guardrails().windowHours(),
                      new WindowLedger(store).read(config.titan().baseUrl()),
                      Instant.now().getEpochSecond())
                  .without(undone);
          ctx.judge(withApprove(ctx, guardrails().evaluateUndo(ctx.plan(), ctx.holders(), window)));
        });
  }

  /** Stage record-plan: plan.json in the run folder, what a dry run shows and apply executes. */
  public RunContext recordPlan(RunContext ctx) {
    if (!recording(ctx)) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          try {
            reports.writePlan(store, ctx.runDir(), summary(ctx));
          } catch (IOException e) {
            throw new RunStore.NoRoom(
                "cannot write the plan into the run folder " + ctx.runDir() + ": " + e.getMessage(),
                e);
          }
        });
  }

  /** Route held: hold.json, why the run is held and the ceiling an approval of it allows. */
  public RunContext recordHold(RunContext ctx) {
    if (!recording(ctx) || !ctx.held()) {
      return ctx;
    }
    return stage(ctx, () -> writeHold(ctx));
  }

  /** Stage ready: says what was planned; checks the room again before a run that writes. */
  public RunContext ready(RunContext ctx) {
    if (!recording(ctx)) {
      return ctx;
    }
    return stage(
        ctx,
        () -> {
          LOG.info(
              "run {} planned {} changes, {} row errors, {} conflicts{}",
              ctx.runId(),
              ctx.plan().changes().size(),
              ctx.plan().errors().size(),
              ctx.plan().conflicts().size(),
              ctx.held() ? "; held: " + String.join(" ", ctx.holdReasons()) : "");
          if (ctx.isShouldApply()) {
            store.checkRoom(config.sync().minFreeMb()); // again: planning may have filled the disk
          }
        });
  }

  /** Stage record-request: request.json, whatever the stages before it made of the run. */
  public RunContext recordRequest(RunContext ctx) {
    String before = org.slf4j.MDC.get("run_id");
    org.slf4j.MDC.put("run_id", ctx.runId());
    try {
      writeRequest(ctx);
    } finally {
      if (before == null) {
        org.slf4j.MDC.remove("run_id");
      } else {
        org.slf4j.MDC.put("run_id", before);
      }
    }
    return ctx;
  }

  /** Reads the export and Titan and plans. False when the run stopped (the context says why). */
  private boolean planFromFile(RunContext ctx, Path file)
      throws IOException, TitanFailure, RosterException {
    return readRoster(ctx, file) && readSnapshot(ctx) && planChanges(ctx);
  }

  /** Reads the export (and starts Titan's read again when another run wrote since). */
  private boolean readRoster(RunContext ctx, Path file) throws IOException, RosterException {
    copyInput(file, ctx.runDir());
    SyncRequest request = ctx.request();
    Inputs inputs = request.inputs();
    if (inputs == null || ctx.otherRunSince(inputs.startedAt())) {
      // Titan read before another run's writes would plan what that run already did: read again.
      inputs = startInputs(file);
    }
    ctx.inputs(inputs);
    Roster roster = inputs.roster();
    LOG.info(
        "read {}: {} rows, {} people ({} s after the reads started)",
        file.getFileName(),
        roster.dataRows(),
        roster.persons().size(),
        seconds(inputs.secondsSinceStart()));
    ctx.input(roster.dataRows(), roster.headers());
    return apiSettingsPresent(ctx);
  }

  private boolean readSnapshot(RunContext ctx) throws TitanFailure {
    Inputs inputs = ctx.inputs();
    Snapshot snapshot = inputs.snapshot();
    ctx.titanReadSeconds(inputs.secondsSinceStart());
    LOG.info(
        "read Titan: {} sites, {} roles, {} users ({} s after the reads started)",
        snapshot.sites().size(),
        snapshot.roles().size(),
        snapshot.users().size(),
        seconds(ctx.titanReadSeconds()));
    return true;
  }

  private boolean planChanges(RunContext ctx) throws IOException, TitanFailure, RosterException {
    Inputs inputs = ctx.inputs();
    ctx.plan(inputs.plan());
    ctx.holders(RoleHolders.of(inputs.snapshot(), ctx.plan(), privilegedRoles()));
    LOG.info("planned in {} s", seconds(inputs.secondsSinceStart() - ctx.titanReadSeconds()));
    if (ctx.request().dryRun() && !ctx.plan().changes().isEmpty()) {
      ctx.notes().add(expectedApply(ctx.plan().changes().size(), inputs.rate()));
    }
    return true;
  }

  /** Reads the audit log and Titan and plans the undo of a run. */
  private boolean planRevert(RunContext ctx, RunPurpose.Revert r)
      throws IOException, TitanFailure, RosterException {
    if (!RunId.isValid(r.runId()) || !Files.isDirectory(store.folder(r.runId()))) {
      ctx.fail(RunStatus.REFUSED, "no run " + r.runId() + " under " + store.runsDir());
      return false;
    }
    if (!apiSettingsPresent(ctx)) {
      return false;
    }
    AuditLog.Read audit = store.audit().read();
    for (String problem : audit.problems()) {
      LOG.warn("audit log: {}", problem);
      ctx.notes()
          .add("Audit log " + problem + ": not read; if it was this run's, it is not undone.");
    }
    Snapshot snapshot = client.readSnapshot();
    RevertPlanner.Result undo =
        RevertPlanner.plan(r.runId(), audit.entries(), snapshot, r.deleteCreated());
    ctx.plan(leaveProtectedAlone(undo.plan(), snapshot, ctx.notes()));
    ctx.holders(RoleHolders.of(snapshot, ctx.plan(), privilegedRoles()));
    ctx.notes().addAll(undo.notes());
    return true;
  }

  /**
   * Protected means untouched, by an undo too: the changes an undo would make to a user protected
   * now (by email, external_id or role) are left out, with a note.
   */
  private Plan leaveProtectedAlone(Plan plan, Snapshot snapshot, List<String> notes) {
    Protection protection = new Protection(config.planOptions(), snapshot.roles());
    java.util.Set<String> protectedIds = new java.util.HashSet<>();
    for (TitanUser user : snapshot.users()) {
      if (protection.covers(user)) {
        protectedIds.add(user.id());
      }
    }
    List<Change> kept = new ArrayList<>();
    java.util.Set<String> left = new java.util.TreeSet<>();
    for (Change change : plan.changes()) {
      if (change.userId() != null && protectedIds.contains(change.userId())) {
        left.add(change.externalId() + (change.email() != null ? " (" + change.email() + ")" : ""));
      } else {
        kept.add(change);
      }
    }
    if (left.isEmpty()) {
      return plan;
    }
    for (String who : left) {
      notes.add(who + ": protected now, so nothing of it is undone.");
    }
    return new Plan(List.copyOf(kept), plan.errors(), plan.conflicts(), plan.stats());
  }

  /**
   * Plans a held run again against Titan as it is now; goes ahead only when the new plan removes
   * and updates nothing beyond what was held, and records the approval (used once).
   */
  private void approve(RunContext ctx, RunPurpose.Approve a)
      throws IOException, TitanFailure, RosterException {
    Optional<PastRun> found = PastRun.load(store, a.heldRunId());
    if (found.isEmpty()) {
      ctx.fail(RunStatus.REFUSED, "no run " + a.heldRunId() + " under " + store.runsDir());
      return;
    }
    PastRun held = found.get();
    Optional<String> why = held.whyNotApprovable();
    if (why.isPresent()) {
      ctx.fail(RunStatus.REFUSED, why.get());
      return;
    }
    ctx.plansFrom(held.plansFrom());
    boolean planned =
        held.plansFrom() instanceof RunPurpose.Revert r
            ? planRevert(ctx, r)
            : planFromFile(ctx, held.inputCopy());
    if (!planned) {
      return;
    }
    // Not judged again, but its report still shows how the privileged roles' holders move.
    ctx.judge(Verdict.none().withHolders(ctx.holders()));
    List<ApprovalCeiling.Entry> beyond = held.ceiling().beyond(ctx.plan());
    if (!beyond.isEmpty()) {
      ctx.judge(
          withApprove(
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
                      + approveCommand(ctx.runId()))));
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
    Approval approval = Approval.now(held.runId(), ctx.runId());
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

  /** How long applying this many writes would take at the pace Titan's answers set. */
  private static String expectedApply(int writes, TitanPort.Pace rate) {
    double pace = rate.rate();
    String why =
        rate.announcedRate().isPresent()
            ? String.format(
                java.util.Locale.ROOT,
                "the rate Titan announced (%.0f requests a second; titan-sync keeps a little under"
                    + " it)",
                rate.announcedRate().getAsDouble())
            : String.format(
                java.util.Locale.ROOT,
                "%.1f requests a second (Titan announced no limit; the pace adapts as it goes)",
                pace);
    if (Double.isInfinite(pace) || pace <= 0) {
      return "Applying these " + writes + " changes is not limited by a rate Titan announced.";
    }
    long seconds = Math.round(Math.ceil(writes / pace));
    return "Applying these "
        + writes
        + " changes would take about "
        + (seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min")
        + " at "
        + why
        + ", one request each.";
  }

  private boolean apiSettingsPresent(RunContext ctx) {
    List<String> missing = config.missingForApi();
    if (!missing.isEmpty()) {
      ctx.fail(
          RunStatus.REFUSED,
          configName() + ": not set, and needed to reach Titan: " + String.join("; ", missing));
      return false;
    }
    return true;
  }

  private Guardrails guardrails() {
    SyncConfig.Guardrails g = config.guardrails();
    return new Guardrails(
        new Limits(
            g.maxRemovals(),
            g.maxRemovalPercent(),
            g.maxUpdatePercent(),
            g.minRowsPercentOfLast(),
            g.holdOnVanishedSite(),
            g.holdOnHeaderChange(),
            g.holdScope() == SyncConfig.HoldScope.REMOVALS,
            privilegedRoles(),
            g.maxPrivilegedChanges(),
            g.maxRoleChangePercent(),
            g.maxCreations(),
            g.maxCreationPercent(),
            g.maxDomainMovePercent(),
            g.windowHours(),
            config.csv().columns(),
            g.holdOnLastPrivilegedHolder()));
  }

  private PrivilegedRoles privilegedRoles() {
    return new PrivilegedRoles(config.guardrails().privilegedRoles());
  }

  /**
   * How this config reads a file, as the header check compares it. The reader's quote is always
   * {@code "}; the rest comes from [csv].
   */
  private FileFormat fileFormat() {
    RosterOptions o = config.rosterOptions();
    return new FileFormat(
        String.valueOf(o.delimiter()), "\"", o.encoding().name(), o.roleSeparator());
  }

  private Verdict withApprove(RunContext ctx, Verdict v) {
    return v.withApproveCommand(approveCommand(ctx.runId())).withHolders(ctx.holders());
  }

  /** The approve command with the same --config the run used, ready to paste. */
  private String approveCommand(String runId) {
    Path file = config.configFile();
    if (file == null) {
      return "titan-sync approve " + runId;
    }
    String path = file.toString();
    if (!path.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      path = "\"" + path.replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
    }
    return "titan-sync approve " + runId + " --config " + path;
  }

  /**
   * Adds a run that wrote to Titan to the window ledger: the changes done, covered when an approval
   * or the first load allowed them.
   */
  private void recordInWindow(RunContext ctx) {
    if (ctx.plan() == null || ctx.request().dryRun()) {
      return;
    }
    Tally done =
        Tally.of(
            ctx.plan(),
            new PrivilegedRoles(config.guardrails().privilegedRoles()),
            c -> {
              ChangeOutcome o = ctx.outcomes().get(c.key());
              return o != null && ChangeOutcome.DONE.equals(o.state());
            });
    if (done.equals(Tally.ZERO)) {
      return;
    }
    String covered =
        ctx.request().purpose() instanceof RunPurpose.Approve
            ? "approved"
            : ctx.verdict().firstLoad() ? "first_load" : "";
    try {
      new WindowLedger(store)
          .add(
              new WindowEntry(
                  ctx.runId(),
                  Instant.now().getEpochSecond(),
                  covered,
                  done,
                  ctx.plan().stats().managedUsers(),
                  ctx.plan().stats().managedMemberships(),
                  config.titan().baseUrl()));
    } catch (IOException e) {
      LOG.error("run {}: could not add it to {}", ctx.runId(), WindowLedger.FILE, e);
    }
  }

  /** request.json: what the run was asked to do, and what approving it would plan from. */
  private void writeRequest(RunContext ctx) {
    SyncRequest r = ctx.request();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", ctx.runId());
    m.put("started_at", ctx.startedAt());
    m.put("trigger", r.trigger());
    m.put("purpose", r.purpose().id());
    m.put("input", r.file().toString());
    m.put("dry_run", r.dryRun());
    if (r.purpose() instanceof RunPurpose.Approve a) {
      m.put("approves", a.heldRunId());
    }
    if (r.purpose() instanceof RunPurpose.Revert v) {
      m.put("reverts", v.runId());
      m.put("delete_created", v.deleteCreated());
    }
    if (ctx.plansFrom() != null) {
      m.put("plans_from", PastRun.plansFromJson(ctx.plansFrom()));
    }
    try {
      store.writeJson(ctx.runDir().resolve(PastRun.REQUEST_FILE), m);
    } catch (IOException e) {
      LOG.error("run {}: could not write {}", ctx.runId(), PastRun.REQUEST_FILE, e);
    }
  }

  /** hold.json: why the run is held, and the ceiling an approval of it allows. */
  private void writeHold(RunContext ctx) throws IOException {
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
  }

  /**
   * Writes result.json and the reports, releases the run lock and says how the run ended. Never
   * throws. A run whose result or reports could not be written ends as a logs folder problem, never
   * as done.
   */
  public RunSummary finish(RunContext ctx) {
    try {
      return writeResult(ctx);
    } finally {
      release(ctx);
    }
  }

  /**
   * Releases the run's lock, if it holds it; safe to call twice (the sync route calls it again when
   * a run ends by an exception).
   */
  public void release(RunContext ctx) {
    if (ctx != null) {
      ctx.releaseLock();
    }
  }

  private RunSummary writeResult(RunContext ctx) {
    RunSummary summary = summary(ctx);
    try {
      boolean accepted =
          summary.status() == RunStatus.APPLIED
              || summary.status() == RunStatus.PARTIAL
              || summary.status() == RunStatus.NOTHING_TO_DO;
      if (ctx.fromFile() && accepted) {
        accept(ctx, summary);
      } else if (ctx.plansFrom() instanceof RunPurpose.Revert r
          && accepted
          && !ctx.request().dryRun()) {
        restoreAccepted(r.runId());
      }
      recordInWindow(ctx);
      reports.writeResult(store, ctx.runDir(), summary);
    } catch (IOException | RuntimeException e) {
      LOG.error("run {}: could not write its reports: {}", ctx.runId(), e.toString());
      ctx.fail(
          RunStatus.STORAGE,
          "the run's result and reports could not be written into "
              + ctx.runDir()
              + " ("
              + e.getMessage()
              + "): "
              + summary.message()
              + ". The audit log "
              + store.audit().file()
              + " lists every write sent to Titan");
      summary = summary(ctx);
      try {
        // result.json, when it can be written, must not say "applied" for a run that ends so.
        reports.writeResult(store, ctx.runDir(), summary);
      } catch (IOException | RuntimeException again) {
        LOG.debug("run {}: result.json still cannot be written", ctx.runId(), again);
      }
    }
    if (ctx.applySeconds() >= 0) {
      LOG.info("run {} applied its plan in {} s", ctx.runId(), seconds(ctx.applySeconds()));
    }
    LOG.info("run {} ended: {}", ctx.runId(), summary.message());
    return summary;
  }

  /**
   * Makes this run's file the one the next run is compared with, keeping the one it replaces in the
   * run folder so that a revert of this run can put it back.
   */
  private void accept(RunContext ctx, RunSummary summary) throws IOException {
    Optional<LastAccepted> previous = store.lastAccepted();
    if (previous.isPresent()) {
      store.writeJson(ctx.runDir().resolve(PREVIOUS_ACCEPTED), previous.get());
    }
    store.saveLastAccepted(
        new LastAccepted(
            ctx.runId(),
            ctx.request().file().toString(),
            ctx.dataRows(),
            ctx.headers(),
            summary.finishedAt(),
            fileFormat()));
  }

  /**
   * After a revert of the run whose file is the last accepted one, the file before it is the last
   * accepted again: an undone truncated file must not become the measure of the next one.
   */
  private void restoreAccepted(String revertedRunId) throws IOException {
    Optional<LastAccepted> last = store.lastAccepted();
    if (last.isEmpty() || !revertedRunId.equals(last.get().runId())) {
      return;
    }
    Path previous = store.folder(revertedRunId).resolve(PREVIOUS_ACCEPTED);
    if (Files.isRegularFile(previous)) {
      store.saveLastAccepted(store.json().readValue(previous.toFile(), LastAccepted.class));
    } else {
      store.forgetLastAccepted();
    }
  }

  /** The summary as it stands now. */
  public RunSummary summary(RunContext ctx) {
    RunStatus status = status(ctx);
    return new RunSummary(
        ctx.runId(),
        ShownName.escape(ctx.request().file().toString()),
        ctx.startedAt(),
        now(),
        status,
        ctx.request().dryRun(),
        ctx.plan(),
        Map.copyOf(ctx.outcomes()),
        List.copyOf(ctx.holdReasons()),
        shown(message(ctx, status)),
        List.copyOf(ctx.notes()),
        ctx.verdict());
  }

  private static RunStatus status(RunContext ctx) {
    if (ctx.failure() != null) {
      return ctx.failure();
    }
    if (ctx.held()) {
      return RunStatus.HELD;
    }
    if (ctx.request().dryRun()) {
      return RunStatus.DRY_RUN;
    }
    if (ctx.plan().isEmpty()) {
      return RunStatus.NOTHING_TO_DO;
    }
    for (Change c : ctx.plan().changes()) {
      ChangeOutcome o = ctx.outcomes().get(c.key());
      if (o == null || !ChangeOutcome.DONE.equals(o.state())) {
        return RunStatus.PARTIAL;
      }
    }
    return RunStatus.APPLIED;
  }

  /**
   * A run's message as titan-sync shows and stores it (log, result.json, reports, reason file,
   * mail): the API key and SMTP password scrubbed, control characters escaped, and cut to {@link
   * #MAX_MESSAGE_CHARS}. A refused file's message may echo its first line, and that file may be
   * anything dropped in the inbox, a file of secrets included.
   */
  String shown(String message) {
    String text =
        ShownName.escape(config.email().password().scrub(config.titan().apiKey().scrub(message)));
    if (text.length() <= MAX_MESSAGE_CHARS) {
      return text;
    }
    int cut = MAX_MESSAGE_CHARS;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters not shown)";
  }

  private static String message(RunContext ctx, RunStatus status) {
    if (ctx.failure() != null) {
      return ctx.failureMessage();
    }
    Plan plan = ctx.plan();
    List<String> parts = new ArrayList<>();
    List<String> heldParts = new ArrayList<>();
    List<String> appliedParts = new ArrayList<>();
    for (ReportModel.KindCount k : ReportModel.counts(dummy(ctx, status))) {
      String n =
          status == RunStatus.DRY_RUN || status == RunStatus.HELD
              ? String.valueOf(k.planned())
              : k.done()
                  + "/"
                  + k.planned()
                  + (k.failed() > 0 ? " (" + k.failed() + " failed)" : "");
      parts.add(k.kind() + " " + n);
      if (k.held() > 0) {
        heldParts.add(k.kind() + " " + k.held());
      }
      int sent = k.planned() - k.held();
      if (sent > 0) {
        appliedParts.add(
            k.kind()
                + " "
                + k.done()
                + "/"
                + sent
                + (k.failed() > 0 ? " (" + k.failed() + " failed)" : ""));
      }
    }
    String what = parts.isEmpty() ? "no changes" : String.join(", ", parts);
    String tail =
        (plan.errors().isEmpty() ? "" : "; " + plan.errors().size() + " row errors")
            + (plan.conflicts().isEmpty() ? "" : "; " + plan.conflicts().size() + " conflicts");
    boolean partlyApplied = status == RunStatus.HELD && ctx.isShouldApply();
    return switch (status) {
      case DRY_RUN ->
          "dry run: would make " + plan.changes().size() + " changes (" + what + ")" + tail;
      case NOTHING_TO_DO -> "nothing to do: Titan already matches the file" + tail;
      case HELD ->
          partlyApplied
              ? "held by a guardrail: "
                  + String.join(", ", heldParts)
                  + " held, nothing held was written; applied the rest ("
                  + String.join(", ", appliedParts)
                  + ")"
                  + tail
              : "held by a guardrail"
                  + (ctx.request().dryRun() ? " (dry run)" : "")
                  + ": "
                  + plan.changes().size()
                  + " changes planned ("
                  + what
                  + "), nothing was written"
                  + tail;
      case APPLIED -> "applied " + plan.changes().size() + " changes (" + what + ")" + tail;
      case PARTIAL -> "some changes failed (" + what + ")" + tail;
      default -> status.label();
    };
  }

  private static RunSummary dummy(RunContext ctx, RunStatus status) {
    return new RunSummary(
        ctx.runId(),
        "",
        "",
        "",
        status,
        ctx.request().dryRun(),
        ctx.plan(),
        ctx.outcomes(),
        List.of(),
        "",
        List.of());
  }

  private static String seconds(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  private String configName() {
    return config.configFile() == null ? "config" : config.configFile().toString();
  }

  /**
   * A copy of the input in the run folder: what approve and revert plan from later. Opened without
   * following a link, as the reader opens it.
   */
  private static void copyInput(Path file, Path runDir) throws IOException, RosterException {
    Path copy = runDir.resolve("input.csv");
    try (java.io.InputStream in =
        java.nio.channels.Channels.newInputStream(RosterReader.open(file))) {
      OwnerOnly.newFile(copy); // owner-only before the first byte goes in
      try (java.io.OutputStream out = Files.newOutputStream(copy)) {
        in.transferTo(out);
      }
    }
  }

  static String now() {
    return OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
