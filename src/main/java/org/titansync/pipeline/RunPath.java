package org.titansync.pipeline;

import java.util.List;
import org.titansync.run.Judged;
import org.titansync.run.PersonWork;
import org.titansync.run.PlanSource;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunContext;
import org.titansync.run.RunInput;

/**
 * What the routes ask of a run's values to choose its path (routes/sync.camel.yaml,
 * routes/apply.camel.yaml): asked through this bean's methods, never as {@code ${body.x}}. Camel's
 * bean language keys a cache on the body itself for each such question: with a plan of 100,000
 * people as the body, every question hashed the whole plan (a second of a large no-op), and the
 * cache kept up to a thousand of those bodies reachable, so that a daemon held earlier runs' plans
 * in memory. A method of a bean bound once is looked up once.
 */
public final class RunPath {

  /** Route sync, choice purpose: an approval of a held run. */
  public boolean approves(RunContext run) {
    return "approve".equals(run.request().purpose().id());
  }

  /** Route sync, choice purpose: a revert of an earlier run. */
  public boolean reverts(RunContext run) {
    return "revert".equals(run.request().purpose().id());
  }

  /** Route sync: the export a sync plans from. */
  public RunInput export(RunContext run) {
    return run.request().input();
  }

  /** Route sync, choice approve-plans-from: the held run was an undo. */
  public boolean againAnUndo(PlanSource source) {
    return source.againAnUndo();
  }

  /** Route sync: the held run's copy of its export. */
  public RunInput heldExport(PlanSource source) {
    return source.file();
  }

  /** Route sync, filter is-held. */
  public boolean held(Judged judged) {
    return judged.isHeld();
  }

  /** Route sync, filter should-apply: a change not held, in a run that writes. */
  public boolean applies(Judged judged, RunContext run) {
    return judged.isWork() && !run.request().dryRun();
  }

  /** Route plan-file, filter not-read-ahead: the reads are still to be made. */
  public boolean toRead(PlanningInput reads) {
    return !reads.isAhead();
  }

  /** Route apply: the plan's changes, a list of people per phase. */
  public List<List<PersonWork>> phases(Judged judged) {
    return judged.phases();
  }

  /** Route apply-person: one person's changes, in plan order. */
  public List<?> changes(PersonWork person) {
    return person.changes();
  }
}
