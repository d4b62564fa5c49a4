package org.titansync.guard;

import java.util.HashSet;
import java.util.Set;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;

/**
 * The numbers the guardrails compared.
 *
 * @param removals memberships the plan removes
 * @param deactivations accounts the plan sets inactive (each counts as a removal)
 * @param managedMemberships memberships of managed users (users with an external_id) in Titan
 * @param updates people whose name, email, external_id or status the plan changes
 * @param managedUsers users with an external_id in Titan
 * @param dataRows rows in the file; 0 for a plan not made from a file
 * @param lastDataRows rows in the last accepted file; -1 when there is none
 */
public record Figures(
    int removals,
    int deactivations,
    int managedMemberships,
    int updates,
    int managedUsers,
    int dataRows,
    int lastDataRows) {

  /**
   * The numbers of a plan.
   *
   * @param lastRows rows in the last accepted file; -1 when there is none
   */
  static Figures of(Plan plan, int lastRows) {
    int removals = 0;
    int deactivations = 0;
    Set<String> updated = new HashSet<>();
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
        removals++;
      } else if (c.kind() == ChangeKind.DEACTIVATE) {
        deactivations++;
      } else if (Guardrails.isUpdate(c)) {
        updated.add(c.externalId() + "\u0000" + c.userId());
      }
    }
    PlanStats s = plan.stats();
    return new Figures(
        removals,
        deactivations,
        s.managedMemberships(),
        updated.size(),
        s.managedUsers(),
        s.dataRows(),
        lastRows);
  }

  /** Removals as the thresholds count them: memberships plus deactivated accounts. */
  public int totalRemovals() {
    return removals + deactivations;
  }

  /** Updates as a percent of managed users; 0 when Titan holds none. */
  public double updatePercent() {
    return managedUsers == 0 ? 0 : 100.0 * updates / managedUsers;
  }

  /** The file's rows as a percent of the last accepted file's; 100 when there is none. */
  public double rowsPercentOfLast() {
    return lastDataRows <= 0 ? 100 : 100.0 * dataRows / lastDataRows;
  }
}
