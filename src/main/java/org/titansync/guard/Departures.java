package org.titansync.guard;

import java.util.HashSet;
import java.util.Set;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.RemoveMembership;

/**
 * Why a plan's removals happen: people gone from the file, or people still in it who no longer are
 * at a site they hold in Titan. The more common of the two is the likely cause of a mass removal.
 *
 * @param gone people gone from the file (their memberships removed, or their account deactivated)
 * @param leftSite memberships removed from people still in the file
 * @param sites sites that lose a membership
 */
record Departures(int gone, int leftSite, int sites) {

  static Departures of(Plan plan) {
    Set<String> gone = new HashSet<>();
    Set<String> sites = new HashSet<>();
    int leftSite = 0;
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
        sites.add(r.siteName());
        if (r.personGone()) {
          gone.add(r.externalId());
        } else {
          leftSite++;
        }
      } else if (c.kind() == ChangeKind.DEACTIVATE) {
        gone.add(c.externalId());
      }
    }
    return new Departures(gone.size(), leftSite, sites.size());
  }

  /** True when people gone from the file explain the removals at least as well as moves do. */
  boolean mostlyGone() {
    return gone >= leftSite;
  }
}
