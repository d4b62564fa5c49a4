package org.titansync.guard;

import static org.titansync.guard.Words.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;

/**
 * The table of a plan's removals per site, most first, with the accounts it deactivates as one
 * group ({@link Guardrails#DEACTIVATIONS}) last: what {@link Verdict#removalsBySite()} shows.
 */
final class RemovalsBySite {
  private RemovalsBySite() {}

  /**
   * @param fromFile true for a plan made from a file, false for a revert (the causes differ)
   */
  static List<SiteRemovals> of(Plan plan, boolean fromFile) {
    Map<String, int[]> by = new TreeMap<>();
    int deactivations = 0;
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
        int[] n = by.computeIfAbsent(r.siteName(), k -> new int[2]);
        n[0]++;
        if (r.personGone()) {
          n[1]++;
        }
      } else if (c.kind() == ChangeKind.DEACTIVATE) {
        deactivations++;
      }
    }
    PlanStats s = plan.stats();
    List<SiteRemovals> out = new ArrayList<>();
    by.forEach(
        (site, n) -> {
          int managed = s.managedMembersBySite().getOrDefault(site, 0);
          int file = s.fileMembersBySite().getOrDefault(site, 0);
          out.add(
              new SiteRemovals(
                  site, n[0], managed, file, cause(n[0], n[1], managed, file, fromFile)));
        });
    out.sort(Comparator.comparingInt(SiteRemovals::removals).reversed());
    if (deactivations > 0) {
      out.add(
          new SiteRemovals(
              Guardrails.DEACTIVATIONS,
              deactivations,
              s.managedUsers(),
              s.persons(),
              fromFile
                  ? people(deactivations, "person")
                      + " gone from the file; on_missing = \"deactivate\" sets their accounts"
                      + " inactive"
                  : "accounts the reverted run created are set inactive"));
    }
    return out;
  }

  /**
   * @param removals memberships removed at the site
   * @param gone of those, memberships of people gone from the file
   */
  private static String cause(int removals, int gone, int managed, int file, boolean fromFile) {
    if (!fromFile) {
      return removals + " memberships the reverted run added or changed are taken back";
    }
    if (file == 0 && managed > 0) {
      return "no row in the file names this site: the export probably left it out, or the site"
          + " was renamed";
    }
    return removals
        + " of its "
        + managed
        + " managed members go ("
        + Words.pct(managed == 0 ? 100 : 100.0 * removals / managed)
        + "): "
        + gone
        + " gone from the file, "
        + (removals - gone)
        + " still in the file but no longer at this site";
  }
}
