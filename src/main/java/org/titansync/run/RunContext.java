package org.titansync.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.Verdict;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.roster.ExportFormat;

/**
 * A run in flight: made by stage start ({@link StartStage}), planned by the stages after it, filled
 * by the apply route, closed by stage report. Shared by the apply workers, so its mutable parts are
 * concurrent.
 */
public final class RunContext {
  private final String runId;
  private final Path runDir;
  private final SyncRequest request;
  private final String startedAt;
  private final long startedNanos = System.nanoTime();
  private final Map<String, ChangeOutcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, String> createdUserIds = new ConcurrentHashMap<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final List<String> holdReasons = new CopyOnWriteArrayList<>();
  private volatile Plan plan;
  private volatile RunStatus failure;
  private volatile String failureMessage;
  private volatile boolean applied;
  private volatile int dataRows;
  private volatile List<String> headers = List.of();
  private volatile ExportFormat exportFormat;
  // The export says nothing changed (a OneRoster manifest alone): why; null otherwise.
  private volatile String noUpdates;
  private volatile long applyStartNanos;
  private volatile long applyNanos = -1;
  private volatile boolean fromFile;
  private volatile Verdict verdict = Verdict.none();
  private volatile Set<String> heldKeys = Set.of();
  private volatile RunPurpose plansFrom;
  private volatile RunLock lock;
  private volatile List<RoleHolders> holders = List.of();
  private volatile PrivilegedAccounts accounts = PrivilegedAccounts.none();
  // Between the read-roster, snapshot and plan stages of the sync route.
  private volatile Inputs inputs;
  private volatile double titanReadSeconds;
  // A stage ended by an exception: the stages after it, up to the reports, do nothing.
  private volatile boolean broken;
  // Its entry in the guardrails' window, made as it started writing; null until then.
  private volatile WindowEntry writing;

  RunContext(String runId, Path runDir, SyncRequest request, String startedAt) {
    this.runId = runId;
    this.runDir = runDir;
    this.request = request;
    this.startedAt = startedAt;
  }

  public String runId() {
    return runId;
  }

  public Path runDir() {
    return runDir;
  }

  /** What the run is for ("sync", "approve", "revert"): the sync route's choice reads it. */
  public String getPurpose() {
    return request.purpose().id();
  }

  /** True when a guardrail holds some of the plan: the sync route sends the run to direct:held. */
  public boolean isHeldByGuardrail() {
    return held();
  }

  Inputs inputs() {
    return inputs;
  }

  void inputs(Inputs started) {
    this.inputs = started;
  }

  double titanReadSeconds() {
    return titanReadSeconds;
  }

  void titanReadSeconds(double seconds) {
    this.titanReadSeconds = seconds;
  }

  boolean broken() {
    return broken;
  }

  void broke() {
    this.broken = true;
  }

  public SyncRequest request() {
    return request;
  }

  /** The run's entry in the window, made as it started writing; null when it wrote nothing. */
  WindowEntry writing() {
    return writing;
  }

  void writing(WindowEntry entry) {
    this.writing = entry;
  }

  public String startedAt() {
    return startedAt;
  }

  /** Nanoseconds since the run started. */
  public long elapsedNanos() {
    return System.nanoTime() - startedNanos;
  }

  public Plan plan() {
    return plan;
  }

  void plan(Plan p) {
    this.plan = p;
  }

  void input(int rows, List<String> headerNames, ExportFormat format) {
    this.dataRows = rows;
    this.headers = List.copyOf(headerNames);
    this.exportFormat = format;
    this.fromFile = true;
  }

  /** How the run's export was read; null until it was. */
  ExportFormat exportFormat() {
    return exportFormat;
  }

  /**
   * The export says nothing changed: the run plans nothing, reads and judges nothing more, and does
   * not become the file the next run is compared with.
   */
  void noUpdates(String why) {
    this.noUpdates = why;
    this.fromFile = false;
    this.plan =
        new Plan(
            List.of(),
            List.of(),
            List.of(),
            new org.titansync.plan.PlanStats(0, 0, 0, 0, Map.of(), Map.of()));
  }

  /** Why the export changes nothing, or null when it is an export to plan from. */
  String noUpdates() {
    return noUpdates;
  }

  /** True when the plan was made from an export (a sync, or the approval of one). */
  boolean fromFile() {
    return fromFile;
  }

  /** What approving this run would plan from; null until known. */
  RunPurpose plansFrom() {
    return plansFrom;
  }

  void plansFrom(RunPurpose source) {
    this.plansFrom = source;
  }

  public int dataRows() {
    return dataRows;
  }

  public List<String> headers() {
    return headers;
  }

  /** The run lock this run holds until it ends (a run that may write to Titan). */
  void lock(RunLock held) {
    this.lock = held;
  }

  /** Whether another run may have written to Titan since {@code instant} (see {@link RunLock}). */
  synchronized boolean otherRunSince(java.time.Instant instant) {
    return lock != null && lock.otherRunSince(instant);
  }

  synchronized void releaseLock() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /** Set when the run stopped before apply: refused file, unreachable Titan, unexpected error. */
  private String applyStop;

  void fail(RunStatus status, String message) {
    this.failure = status;
    this.failureMessage = message;
  }

  /**
   * Stops the apply at once: changes not yet sent are skipped, with this message, and the run ends
   * with this status. The first stop wins. Used when Titan refuses the key, or when a write's
   * intent cannot be put in the audit log.
   */
  public synchronized void stopApply(RunStatus status, String message) {
    if (applyStop == null) {
      applyStop = message;
      fail(status, message);
    }
  }

  /** Why the apply stopped early, or null while it goes on. */
  public synchronized String applyStopped() {
    return applyStop;
  }

  public RunStatus failure() {
    return failure;
  }

  public String failureMessage() {
    return failureMessage;
  }

  public List<String> holdReasons() {
    return holdReasons;
  }

  public List<String> notes() {
    return notes;
  }

  public Map<String, ChangeOutcome> outcomes() {
    return outcomes;
  }

  public void record(Change change, ChangeOutcome outcome) {
    outcomes.put(change.key(), outcome);
  }

  /** The user id a create of this run got, so that the person's later changes can use it. */
  public void created(String externalId, String userId) {
    createdUserIds.put(externalId, userId);
  }

  /** The Titan user id to write to for this change: the plan's, or the one created this run. */
  public String userIdFor(Change change) {
    return change.userId() != null ? change.userId() : createdUserIds.get(change.externalId());
  }

  public boolean held() {
    return !holdReasons.isEmpty();
  }

  /**
   * Sets the guardrails' verdict. When it holds, its held changes are left out of apply and
   * recorded as held; with hold_scope = "removals" the others still go ahead.
   */
  void judge(Verdict v) {
    this.verdict = v;
    if (!v.held()) {
      return;
    }
    heldKeys = v.heldKeys();
    holdReasons.addAll(v.sentences());
    for (Change c : plan.changes()) {
      if (heldKeys.contains(c.key())) {
        outcomes.put(c.key(), new ChangeOutcome(ChangeOutcome.State.HELD, 0, 0, null));
      }
    }
  }

  /** What the guardrails decided; {@link Verdict#none()} before they ran. */
  public Verdict verdict() {
    return verdict;
  }

  /** Per privileged role the plan touches, its holders in Titan before and after the plan. */
  List<RoleHolders> holders() {
    return holders;
  }

  void holders(List<RoleHolders> counts) {
    this.holders = List.copyOf(counts);
  }

  /** What the plan does to the accounts of privileged holders, for the account checks. */
  PrivilegedAccounts accounts() {
    return accounts;
  }

  void accounts(PrivilegedAccounts found) {
    this.accounts = found;
  }

  /** True when a guardrail holds this change back. */
  public boolean isHeld(Change change) {
    return heldKeys.contains(change.key());
  }

  /** True when the apply route should run: a plan with a change that is not held, not a dry run. */
  public boolean isShouldApply() {
    if (failure != null || plan == null || request.dryRun()) {
      return false;
    }
    for (Change c : plan.changes()) {
      if (!heldKeys.contains(c.key())) {
        return true;
      }
    }
    return false;
  }

  /** Called by the apply route as it starts. */
  public void applyStarting() {
    applyStartNanos = System.nanoTime();
  }

  /** Called by the apply route when every change has an outcome. */
  public void applyEnded() {
    applyNanos = System.nanoTime() - applyStartNanos;
    applied = true;
  }

  /** Seconds the apply route took, or -1 when it did not run. */
  public double applySeconds() {
    return applyNanos < 0 ? -1 : applyNanos / 1e9;
  }

  public boolean applied() {
    return applied;
  }

  /**
   * The plan's changes as the apply route consumes them: a list per phase (phase 0 first), each a
   * list of people, each with their changes in plan order. Held changes are left out.
   */
  public List<List<PersonWork>> getPhases() {
    Map<Integer, Map<String, List<Change>>> byPhase = new LinkedHashMap<>();
    byPhase.put(0, new LinkedHashMap<>());
    byPhase.put(1, new LinkedHashMap<>());
    for (Change c : plan.changes()) {
      if (heldKeys.contains(c.key())) {
        continue;
      }
      byPhase
          .computeIfAbsent(c.phase(), k -> new LinkedHashMap<>())
          .computeIfAbsent(c.externalId(), k -> new ArrayList<>())
          .add(c);
    }
    List<List<PersonWork>> phases = new ArrayList<>();
    byPhase.forEach(
        (phase, people) -> {
          if (people.isEmpty()) {
            return;
          }
          List<PersonWork> work = new ArrayList<>();
          people.forEach((id, changes) -> work.add(new PersonWork(id, List.copyOf(changes))));
          phases.add(work);
        });
    return phases;
  }
}
