package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.guard.Figures;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteRemovals;
import org.titansync.guard.Verdict;
import org.titansync.plan.Plan;

/**
 * hold.json in a held run's folder: why the run is held, and the ceiling an approval of it allows.
 * Written by stage record-hold, read by {@link PastRun} (approve).
 *
 * @param scope "all" (the whole plan is held) or "removals" (guardrails.hold_scope)
 * @param checks the keys of the tripped checks
 * @param reasons one sentence per tripped check
 * @param heldChanges how many changes are held
 * @param ceiling what an approval may apply: the plan's removals, deactivations and updates
 * @param titan the Titan the run was judged against, which alone an approval may apply it to: its
 *     base URL, or {@code sandbox} for the built-in sandbox; null in a hold an earlier version
 *     wrote
 */
public record HoldFile(
    String runId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String titan,
    String scope,
    List<String> checks,
    List<String> reasons,
    String likelyCause,
    List<SiteRemovals> removalsBySite,
    Figures figures,
    List<RoleHolders> privilegedHolders,
    int heldChanges,
    List<ApprovalCeiling.Entry> ceiling) {

  public static final String FILE = "hold.json";

  /** The hold of a run the guardrails held against {@code titan}. */
  public static HoldFile of(String runId, String titan, Verdict v, Plan plan) {
    return new HoldFile(
        runId,
        titan,
        v.removalsOnly() ? "removals" : "all",
        v.checks(),
        v.sentences(),
        v.likelyCause(),
        v.removalsBySite(),
        v.figures(),
        v.holders(),
        v.heldKeys().size(),
        ApprovalCeiling.of(plan).entries());
  }

  /** What an approval may apply; null when the file has no ceiling. */
  ApprovalCeiling approvalCeiling() {
    return ceiling == null ? null : new ApprovalCeiling(List.copyOf(ceiling));
  }

  public void write(StateFolder store, Path runDir) throws IOException {
    store.writeJson(runDir.resolve(FILE), this);
  }

  /** The run folder's hold.json; empty when it has none (the run was not held). */
  public static Optional<HoldFile> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), HoldFile.class);
  }
}
