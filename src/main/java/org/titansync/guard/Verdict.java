package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.titansync.plan.Change;

/**
 * What the guardrails decided about one plan.
 *
 * @param held true when a guardrail tripped: the changes in {@code heldKeys} wait for approval
 * @param removalsOnly hold_scope = "removals" was in effect: the changes not held go ahead
 * @param reasons every tripped guardrail, in a fixed order
 * @param likelyCause one or two sentences naming what most likely went wrong; empty when not held
 * @param removalsBySite the plan's removals per site, most first (deactivations as one group)
 * @param heldKeys the keys of the changes that wait; empty when not held
 * @param figures the numbers compared
 */
public record Verdict(
    boolean held,
    boolean removalsOnly,
    List<Reason> reasons,
    String likelyCause,
    List<SiteRemovals> removalsBySite,
    Set<String> heldKeys,
    Figures figures) {

  public Verdict {
    reasons = List.copyOf(reasons);
    removalsBySite = List.copyOf(removalsBySite);
    heldKeys = Set.copyOf(heldKeys);
  }

  /** No guardrail was evaluated (a run that stopped before planning). */
  public static Verdict none() {
    return new Verdict(
        false, false, List.of(), "", List.of(), Set.of(), new Figures(0, 0, 0, 0, 0, 0, -1));
  }

  /** True when this change waits for approval. */
  public boolean holds(Change change) {
    return heldKeys.contains(change.key());
  }

  /** The reasons as the report prints them. */
  public List<String> sentences() {
    List<String> out = new ArrayList<>(reasons.size());
    reasons.forEach(r -> out.add(r.sentence()));
    return List.copyOf(out);
  }

  /** The guardrails that tripped, by config key. */
  public List<String> checks() {
    List<String> out = new ArrayList<>(reasons.size());
    reasons.forEach(r -> out.add(r.check().key()));
    return List.copyOf(out);
  }
}
