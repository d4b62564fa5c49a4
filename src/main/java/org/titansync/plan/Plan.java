package org.titansync.plan;

import java.util.List;
import java.util.Map;
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
 * @param names external_id -> "First Last" of every person a change or conflict names, as the file
 *     writes them (Titan's for people gone from the file): the reports name people, not keys
 */
public record Plan(
    List<Change> changes,
    List<RowError> errors,
    List<Conflict> conflicts,
    PlanStats stats,
    Keeping keeping,
    Map<String, String> names) {

  public Plan {
    Objects.requireNonNull(keeping, "keeping");
    names = names == null ? Map.of() : names;
  }

  /** A plan that keeps nothing back, changes no memory and names people by their keys only. */
  public Plan(
      List<Change> changes, List<RowError> errors, List<Conflict> conflicts, PlanStats stats) {
    this(changes, errors, conflicts, stats, Keeping.NONE, Map.of());
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

  /** The person's name, or empty when the plan does not know it. */
  public String nameOf(String externalId) {
    return externalId == null ? "" : names.getOrDefault(externalId, "");
  }

  /** The same plan with other changes (a revert keeps some of its undo). */
  public Plan withChanges(List<Change> otherChanges) {
    return new Plan(otherChanges, errors, conflicts, stats, keeping, names);
  }
}
