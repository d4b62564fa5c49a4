package org.titansync.run;

import java.util.List;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteLastHolder;
import org.titansync.plan.Plan;
import org.titansync.roster.ExportFormat;

/**
 * What a run plans (stages plan, plan-revert), before the guardrails judge it. Immutable.
 *
 * @param file the export it was planned from; null for an undo
 * @param holders per privileged role the plan touches, its holders in Titan before and after it
 * @param accounts what the plan does to the accounts of privileged holders
 * @param sitesLeft the sites the plan leaves without a holder of a privileged role they had
 * @param memory titan-sync's memory of the Titan the plan was made with; null when nothing was
 *     planned (an export that changes nothing)
 * @param plansFrom what approving this run would plan from: its export ({@link RunPurpose.Sync}) or
 *     the undo it is ({@link RunPurpose.Revert})
 * @param noUpdates why the export changes nothing (a OneRoster manifest alone): the plan is empty
 *     and nothing is judged; null for an export to plan from
 */
public record Planned(
    Plan plan,
    FileFacts file,
    List<RoleHolders> holders,
    PrivilegedAccounts accounts,
    List<SiteLastHolder> sitesLeft,
    MemoryRead memory,
    RunPurpose plansFrom,
    String noUpdates) {

  public Planned {
    holders = List.copyOf(holders);
    sitesLeft = List.copyOf(sitesLeft);
  }

  /**
   * The export a plan was made from, as the guardrails compare it with the last accepted file.
   *
   * @param format how it was read (the six-column CSV, or a OneRoster or SDS export)
   */
  public record FileFacts(int dataRows, List<String> headers, ExportFormat format) {
    public FileFacts {
      headers = List.copyOf(headers);
    }
  }

  /** An export that changes nothing: an empty plan, nothing to judge. */
  public static Planned nothing(String why, RunPurpose plansFrom) {
    return new Planned(
        Plan.empty(), null, List.of(), PrivilegedAccounts.none(), List.of(), null, plansFrom, why);
  }

  /** True when the plan was made from an export that may become the next run's measure. */
  public boolean fromFile() {
    return file != null && noUpdates == null;
  }
}
