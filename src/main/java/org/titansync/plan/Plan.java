package org.titansync.plan;

import java.util.List;
import org.titansync.roster.RowError;

/**
 * The single source of truth of a run: dry-run renders it, apply executes exactly it.
 *
 * @param changes every write, grouped per person in apply order, phase 0 changes first
 * @param errors row errors from reading plus those found against Titan (unknown site or role)
 * @param conflicts people the plan refused to touch, and why
 * @param stats figures the guardrails and reports need
 */
public record Plan(
    List<Change> changes, List<RowError> errors, List<Conflict> conflicts, PlanStats stats) {

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
