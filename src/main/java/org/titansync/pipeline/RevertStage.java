package org.titansync.pipeline;

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
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteLastHolder;
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
import org.titansync.run.Judged;
import org.titansync.run.PlanSource;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunId;
import org.titansync.run.RunPurpose;
import org.titansync.run.RunStatus;
import org.titansync.run.RunStopped;
import org.titansync.store.AuditLog;
import org.titansync.store.PastWrites;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;

/**
 * Stages plan-revert and guard-undo of routes/sync.camel.yaml (purpose revert): the undo of a run,
 * from the audit log and Titan, and the guardrails' verdict on it.
 */
public final class RevertStage {
  private static final Logger LOG = LoggerFactory.getLogger(RevertStage.class);

  private final RunSettings settings;
  private final TitanPort client;
  private final StateFolder store;

  public RevertStage(RunSettings settings, TitanPort client, StateFolder store) {
    this.settings = settings;
    this.client = client;
    this.store = store;
  }

  /** Stage plan-revert (purpose revert): the undo of the run the request names. */
  public Planned plan(RunContext ctx) throws IOException, TitanFailure, RunStopped {
    return plan(ctx, (RunPurpose.Revert) ctx.request().purpose());
  }

  /**
   * Stage guard-undo: judged with the window (docs/operations.md, "Revert"), less the run it
   * undoes.
   */
  public Judged guard(RunContext ctx, Planned planned) {
    String undone = ((RunPurpose.Revert) planned.plansFrom()).runId();
    WindowRead read = WindowRead.of(settings, store, ctx);
    Window window = read.window().without(undone);
    Judged judged =
        new Judged(
            planned,
            settings.withApprove(
                ctx,
                planned,
                GuardStage.holdIfForgotten(
                    planned,
                    read.holdIfUnknown(
                        settings
                            .guardrails()
                            .evaluateUndo(
                                planned.plan(), planned.holders(), window, planned.sitesLeft()),
                        planned.plan()))));
    ctx.notes().addAll(judged.verdict().notes());
    return judged;
  }

  /** The approval of a held undo: its undo planned again. */
  public Planned planAgain(RunContext ctx, PlanSource held)
      throws IOException, TitanFailure, RunStopped {
    return plan(ctx, held.undo());
  }

  /**
   * Reads the audit log and Titan and plans the undo of a run (for a revert, or the approval of a
   * held one).
   *
   * @throws RunStopped when there is no such run, or its undo would go to another Titan
   */
  public Planned plan(RunContext ctx, RunPurpose.Revert r)
      throws IOException, TitanFailure, RunStopped {
    if (!RunId.isValid(r.runId()) || !Files.isDirectory(store.folder(r.runId()))) {
      throw new RunStopped(RunStatus.REFUSED, "no run " + r.runId() + " under " + store.runsDir());
    }
    settings.requireTitan();
    AuditLog.Read audit = store.audit().read();
    // An undo goes only to the Titan the run wrote to.
    Optional<String> elsewhere =
        TitanCheck.revertRefusal(
            r,
            audit,
            ledgerEntries(),
            settings.config().titan().identity(),
            settings.config().source());
    if (elsewhere.isPresent()) {
      throw new RunStopped(RunStatus.REFUSED, elsewhere.get());
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
    Plan plan = leaveProtectedAlone(undo.plan(), snapshot, ctx.notes());
    ctx.notes().addAll(undo.notes());
    return new Planned(
        plan,
        null,
        RoleHolders.of(snapshot, plan, settings.privilegedRoles()),
        PrivilegedAccounts.none(),
        SiteLastHolder.of(snapshot, plan, settings.privilegedRoles()),
        new ReadMemoryStage(settings, store).remember(), // what it puts back is owned after it
        r,
        null);
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
