package org.titansync.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.OwnershipDelta;

/**
 * What changes while a run is in flight: made by stage start, it is the route's {@code titanRun}
 * property. It holds the run's identity and request, the lock it holds, the ledger the apply
 * workers write each change's outcome into (concurrent), the notes stages add, and how the run
 * failed, when it did. What the run reads, plans and judges are values the stages hand on ({@link
 * Planned}, {@link Judged}), not fields of this.
 */
public final class RunContext {
  /** What a run holds from its start to its end so that no other run writes meanwhile. */
  public interface Lock extends AutoCloseable {
    /** Whether another run may have written to Titan since {@code instant}. */
    boolean otherRunSince(Instant instant);

    @Override
    void close();
  }

  private final String runId;
  private final Path runDir;
  private final SyncRequest request;
  private final String startedAt;
  private final long startedNanos = System.nanoTime();
  private final Map<String, ChangeOutcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, String> createdUserIds = new ConcurrentHashMap<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private volatile RunStatus failure;
  private volatile String failureMessage;
  private volatile Lock lock;
  // Its entry in the guardrails' window, made as it started writing; null until then.
  private volatile WindowEntry writing;
  // How it changes what titan-sync owns in its Titan, recorded before its first write; null until.
  private volatile OwnershipDelta owning;
  private volatile long applyStartNanos;
  private volatile long applyNanos = -1;
  // Set when the apply must stop at once: the changes not yet sent are skipped, with this.
  private String applyStop;

  public RunContext(String runId, Path runDir, SyncRequest request, String startedAt) {
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

  public SyncRequest request() {
    return request;
  }

  public String startedAt() {
    return startedAt;
  }

  /** Nanoseconds since the run started. */
  public long elapsedNanos() {
    return System.nanoTime() - startedNanos;
  }

  /** Things worth knowing that changed nothing; stages and apply workers add to them. */
  public List<String> notes() {
    return notes;
  }

  // ---- the lock -------------------------------------------------------------------------------

  /** The run lock this run holds until it ends (a run that may write to Titan). */
  public void lock(Lock held) {
    this.lock = held;
  }

  /** Whether another run may have written to Titan since {@code instant} (see store.RunLock). */
  public synchronized boolean otherRunSince(Instant instant) {
    return lock != null && lock.otherRunSince(instant);
  }

  /** Releases the lock, if the run holds it; safe to call twice. */
  public synchronized void releaseLock() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  // ---- how it failed ----------------------------------------------------------------------------

  /** The run ends with this status and message (the first failure recorded wins). */
  public synchronized void fail(RunStatus status, String message) {
    if (failure == null) {
      this.failure = status;
      this.failureMessage = message;
    }
  }

  public RunStatus failure() {
    return failure;
  }

  public String failureMessage() {
    return failureMessage;
  }

  // ---- the apply's ledger -----------------------------------------------------------------------

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

  /** What became of each change the apply reached, by key. */
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

  /** The run's entry in the window, made as it started writing; null when it wrote nothing. */
  public WindowEntry writing() {
    return writing;
  }

  public void writing(WindowEntry entry) {
    this.writing = entry;
  }

  /**
   * How the run changes what titan-sync owns in its Titan, as recorded before its first write; null
   * when it leaves that memory as it is (a dry run, a run held whole, a run that stopped before).
   */
  public OwnershipDelta owning() {
    return owning;
  }

  public void owning(OwnershipDelta delta) {
    this.owning = delta;
  }

  /** Called by the apply route as it starts. */
  public void applyStarting() {
    applyStartNanos = System.nanoTime();
  }

  /** Called by the apply route when every change has an outcome. */
  public void applyEnded() {
    applyNanos = System.nanoTime() - applyStartNanos;
  }

  /** Seconds the apply route took, or -1 when it did not run. */
  public double applySeconds() {
    return applyNanos < 0 ? -1 : applyNanos / 1e9;
  }
}
