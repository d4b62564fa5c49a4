package org.titansync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.Window;
import org.titansync.guard.WindowEntry;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.plan.Protection;
import org.titansync.plan.RevertPlanner;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanUser;

/**
 * Stages plan-revert and guard-undo of routes/sync.camel.yaml (purpose revert): the undo of a run,
 * from the audit log and Titan, and the guardrails' verdict on it.
 */
public final class RevertStage {
  private static final Logger LOG = LoggerFactory.getLogger(RevertStage.class);

  private final RunSettings settings;
  private final TitanPort client;
  private final RunStore store;

  public RevertStage(RunSettings settings, TitanPort client, RunStore store) {
    this.settings = settings;
    this.client = client;
    this.store = store;
  }

  /** Stage plan-revert. */
  public RunContext planRevert(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          RunPurpose.Revert r = (RunPurpose.Revert) ctx.request().purpose();
          ctx.plansFrom(r);
          plan(ctx, r);
        });
  }

  /** Stage guard-undo. */
  public RunContext guardUndo(RunContext ctx) {
    if (!Stage.planning(ctx) || ctx.plan() == null) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          // Judged with the window (docs/operations.md, "Revert"), less the run it undoes.
          String undone = ((RunPurpose.Revert) ctx.request().purpose()).runId();
          WindowRead read = WindowRead.of(settings, store, ctx);
          Window window = read.window().without(undone);
          ctx.judge(
              settings.withApprove(
                  ctx,
                  read.holdIfUnknown(
                      settings.guardrails().evaluateUndo(ctx.plan(), ctx.holders(), window),
                      ctx.plan())));
        });
  }

  /**
   * Reads the audit log and Titan and plans the undo of a run. False when the run stopped (the
   * context says why).
   */
  boolean plan(RunContext ctx, RunPurpose.Revert r) throws IOException, TitanFailure {
    if (!RunId.isValid(r.runId()) || !Files.isDirectory(store.folder(r.runId()))) {
      ctx.fail(RunStatus.REFUSED, "no run " + r.runId() + " under " + store.runsDir());
      return false;
    }
    if (!settings.apiSettingsPresent(ctx)) {
      return false;
    }
    AuditLog.Read audit = store.audit().read();
    // An undo goes only to the Titan the run wrote to.
    Optional<String> elsewhere =
        TitanCheck.revertRefusal(
            r,
            audit,
            ledgerEntries(),
            settings.config().titan().identity(),
            settings.config().configFile());
    if (elsewhere.isPresent()) {
      ctx.fail(RunStatus.REFUSED, elsewhere.get());
      return false;
    }
    for (String problem : audit.problems()) {
      LOG.warn("audit log: {}", problem);
      ctx.notes()
          .add("Audit log " + problem + ": not read; if it was this run's, it is not undone.");
    }
    Snapshot snapshot = client.readSnapshot();
    RevertPlanner.Result undo =
        RevertPlanner.plan(
            r.runId(),
            PastWrites.of(r.runId(), audit.entries()),
            snapshot,
            new Protection(settings.config().planOptions(), snapshot.roles()),
            r.deleteCreated());
    ctx.plan(leaveProtectedAlone(undo.plan(), snapshot, ctx.notes()));
    ctx.holders(RoleHolders.of(snapshot, ctx.plan(), settings.privilegedRoles()));
    ctx.notes().addAll(undo.notes());
    return true;
  }

  /** The window's entries as the file has them, which name the Titan of earlier versions' runs. */
  private List<WindowEntry> ledgerEntries() {
    try {
      return settings.ledger(store).stored().orElse(List.of());
    } catch (WindowLedger.Unreadable e) {
      return List.of(); // the window's own check holds the revert, with this same message
    }
  }

  /**
   * Protected means untouched, by an undo too: the changes an undo would make to a user protected
   * now (by email, external_id or role) are left out, with a note.
   */
  private Plan leaveProtectedAlone(Plan plan, Snapshot snapshot, List<String> notes) {
    Protection protection = new Protection(settings.config().planOptions(), snapshot.roles());
    Set<String> protectedIds = new HashSet<>();
    for (TitanUser user : snapshot.users()) {
      if (protection.covers(user)) {
        protectedIds.add(user.id());
      }
    }
    List<Change> kept = new ArrayList<>();
    Set<String> left = new TreeSet<>();
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
    return plan.withChanges(List.copyOf(kept));
  }
}
