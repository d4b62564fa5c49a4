package org.titansync.pipeline;

import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.Tally;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.OwnershipDelta;
import org.titansync.plan.Plan;
import org.titansync.run.Judged;
import org.titansync.run.MemoryRead;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunPurpose;
import org.titansync.store.AuditRun;
import org.titansync.store.StateFolder;

/**
 * Stage ready of routes/sync.camel.yaml: says what was planned; before a run that writes, checks
 * the room again and records, ahead of its first write, that it starts writing: its entry in the
 * guardrails' window and its run line in the audit log, and how it changes what titan-sync owns in
 * its Titan (its ownership lines). A run killed mid-way is then never missing from the window, and
 * still owns what it may have granted.
 */
public final class ReadyStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyStage.class);

  private final RunSettings settings;
  private final StateFolder store;

  public ReadyStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage ready. */
  public Judged ready(RunContext ctx, Judged judged) throws StateFolder.NoRoom {
    Plan plan = judged.plan();
    LOG.info(
        "run {} planned {} changes, {} row errors, {} conflicts{}",
        ctx.runId(),
        plan.changes().size(),
        plan.errors().size(),
        plan.conflicts().size(),
        judged.isHeld() ? "; held: " + String.join(" ", judged.verdict().sentences()) : "");
    if (judged.isWork() && !ctx.request().dryRun()) {
      // again: planning may have filled the disk
      store.checkRoom(settings.config().sync().minFreeMb());
      startsWriting(ctx, judged);
    }
    if (!ctx.request().dryRun()) {
      remembers(ctx, judged);
    }
    return judged;
  }

  /**
   * A run that is not a dry run and not held whole changes titan-sync's memory of its Titan: what
   * it owns there (its grants among it) is recorded before its first intent, so that a run killed
   * mid-way still owns what it may have granted; who is missing is recorded as it ends. A run whose
   * memory could not be read is held whole, and records nothing.
   */
  private void remembers(RunContext ctx, Judged judged) throws StateFolder.NoRoom {
    Planned planned = judged.planned();
    MemoryRead before = planned.memory();
    if (before == null || !before.readable() || (judged.isHeld() && !judged.isWork())) {
      return;
    }
    OwnershipDelta delta =
        planned.fromFile()
            ? judged.plan().keeping().owned()
            : OwnershipDelta.grantedBy(
                judged.plan().changes().stream().filter(c -> !judged.holds(c)).toList());
    try {
      if (!delta.isEmpty()) {
        settings.memory(store).starting(ctx.runId(), Instant.now(), before, delta);
      }
      ctx.owning(delta);
    } catch (IOException e) {
      throw new StateFolder.NoRoom(
          "what titan-sync owns in Titan could not be recorded as the run starts ("
              + e.getMessage()
              + "): nothing was written to Titan",
          e);
    }
  }

  /** The run's window entry, then its run line (forced), before its first intent. */
  private void startsWriting(RunContext ctx, Judged judged) throws StateFolder.NoRoom {
    Instant now = Instant.now();
    String excused = RunEnd.excused(ctx, judged);
    String titan = settings.config().titan().identity();
    int users = judged.plan().stats().managedUsers();
    int memberships = judged.plan().stats().managedMemberships();
    WindowEntry entry =
        new WindowEntry(
            ctx.runId(),
            now.getEpochSecond(),
            excused,
            // Until its audit lines are counted, a run counts as writing all it planned.
            Tally.of(judged.plan(), settings.privilegedRoles(), c -> !judged.holds(c)),
            users,
            memberships,
            titan,
            true);
    RunPurpose.Approve approve = ctx.request().purpose() instanceof RunPurpose.Approve a ? a : null;
    try {
      settings.ledger(store).starting(entry);
      ctx.writing(entry);
      store
          .audit()
          .run(
              new AuditRun(
                  now.toString(),
                  ctx.runId(),
                  titan,
                  excused,
                  users,
                  memberships,
                  System.getProperty("user.name"),
                  approve == null ? "" : approve.heldRunId(),
                  approve == null ? "" : approve.by(),
                  approve == null ? "" : approve.comment()));
    } catch (IOException e) {
      throw new StateFolder.NoRoom(
          "the run could not be recorded as it starts writing ("
              + e.getMessage()
              + "): nothing was written to Titan",
          e);
    }
  }
}
