package org.titansync.plan;

import java.util.List;
import java.util.Objects;
import org.titansync.roster.RowError;

/**
 * The single source of truth of a run: dry-run renders it, apply executes exactly it.
 *
 * @param changes every write, grouped per person in apply order, phase 0 changes first
 * @param errors row errors from reading plus those found against Titan (unknown site or role)
 * @param conflicts people the plan refused to touch, and why
 * @param stats figures the guardrails and reports need
 * @param keeping what it leaves alone (made by hand, within grace) and how it changes the memory of
 *     its Titan (what titan-sync owns, who is missing)
 */
public record Plan(
    List<Change> changes,
    List<RowError> errors,
    List<Conflict> conflicts,
    PlanStats stats,
    Keeping keeping) {

  public Plan {
    Objects.requireNonNull(keeping, "keeping");
  }

  /** A plan that keeps nothing back and changes no memory (a revert's, a test's). */
  public Plan(
      List<Change> changes, List<RowError> errors, List<Conflict> conflicts, PlanStats stats) {
    this(changes, errors, conflicts, stats, Keeping.NONE);
  }

  /** A plan of nothing, with no figures: what an export that changes nothing plans. */
  public static Plan empty() {
    return new Plan(
        List.of(),
        List.of(),
        List.of(),
        new PlanStats(0, 0, 0, 0, java.util.Map.of(), java.util.Map.of()));
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
