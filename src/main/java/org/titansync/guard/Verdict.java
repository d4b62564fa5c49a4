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
 * @param tally this plan's changes as the window counts them
 * @param window the earlier runs of the window the plan was judged with
 * @param firstLoad Titan had no account titan-sync manages: the creation and privilege checks did
 *     not apply
 * @param notes things the report says about the checks that held nothing (the first load)
 * @param approveCommand the command that approves the run, with the run's {@code --config}; empty
 *     until the run sets it
 * @param holders per privileged role the plan touches, its holders before and after the plan; empty
 *     when the run did not know Titan's snapshot or no privileged role changes
 */
public record Verdict(
    boolean held,
    boolean removalsOnly,
    List<Reason> reasons,
    String likelyCause,
    List<SiteRemovals> removalsBySite,
    Set<String> heldKeys,
    Figures figures,
    Tally tally,
    Window window,
    boolean firstLoad,
    List<String> notes,
    String approveCommand,
    List<RoleHolders> holders) {

  public Verdict {
    reasons = List.copyOf(reasons);
    removalsBySite = List.copyOf(removalsBySite);
    heldKeys = Set.copyOf(heldKeys);
    notes = List.copyOf(notes);
    approveCommand = approveCommand == null ? "" : approveCommand;
    holders = List.copyOf(holders);
  }

  /** No guardrail was evaluated (a run that stopped before planning). */
  public static Verdict none() {
    return new Verdict(
        false,
        false,
        List.of(),
        "",
        List.of(),
        Set.of(),
        new Figures(0, 0, 0, 0, 0, 0, -1),
        Tally.ZERO,
        Window.none(0),
        false,
        List.of(),
        "",
        List.of());
  }

  /** The same verdict, naming the command that approves it. */
  public Verdict withApproveCommand(String command) {
    return new Verdict(
        held,
        removalsOnly,
        reasons,
        likelyCause,
        removalsBySite,
        heldKeys,
        figures,
        tally,
        window,
        firstLoad,
        notes,
        command,
        holders);
  }

  /** The same verdict, with the holders of each privileged role before and after the plan. */
  public Verdict withHolders(List<RoleHolders> counts) {
    return new Verdict(
        held,
        removalsOnly,
        reasons,
        likelyCause,
        removalsBySite,
        heldKeys,
        figures,
        tally,
        window,
        firstLoad,
        notes,
        approveCommand,
        counts);
  }

  /** True when this change waits for approval. */
  public boolean holds(Change change) {
    return heldKeys.contains(change.key());
  }

  /** True when removals are part of the hold (the per-site removals table is worth showing). */
  public boolean removalsTripped() {
    for (Reason r : reasons) {
      switch (r.check()) {
        case MAX_REMOVALS, MAX_REMOVAL_PERCENT, VANISHED_SITE, MIN_ROWS_PERCENT_OF_LAST -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
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
