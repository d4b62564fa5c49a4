package org.titansync.guard;

import static org.titansync.guard.Words.pct;
import static org.titansync.guard.Words.people;
import static org.titansync.guard.Words.quoted;

import java.util.List;
import org.titansync.plan.Plan;

/**
 * The one or two sentences a held verdict leads with: of all the tripped checks, what most likely
 * went wrong. A changed layout or format explains everything after it, a file cut short explains
 * the sites it left out, and so on down to the first tripped check's own cause.
 */
final class LikelyCause {
  private LikelyCause() {}

  /** The likely cause of a plan made from a file; empty when nothing tripped. */
  static String ofFile(Plan plan, Figures f, FileChecks file, List<Reason> reasons) {
    List<String> headerChanges = file.headerChanges();
    List<String> formatChanges = file.formatChanges();
    List<String> vanished = file.vanishedSites();
    if (!headerChanges.isEmpty() && has(reasons, Check.HEADER_CHANGE)) {
      return "The export's columns changed ("
          + String.join("; ", headerChanges)
          + (formatChanges.isEmpty() ? "" : "; " + String.join("; ", formatChanges))
          + "): a changed export layout is the likely cause; check the export job before"
          + " approving.";
    }
    if (!formatChanges.isEmpty() && has(reasons, Check.HEADER_CHANGE)) {
      return "The file is read in another format than the last accepted one ("
          + String.join("; ", formatChanges)
          + "): the same bytes now read into other values; check the export job and the [csv]"
          + " and [roster] settings before approving.";
    }
    if (has(reasons, Check.MIN_ROWS_PERCENT_OF_LAST)) {
      // Sites at the end of a cut-short file vanish with it: the shrink is the cause.
      return "The file has "
          + pct(f.rowsPercentOfLast())
          + " of the rows of the last accepted file ("
          + f.dataRows()
          + " of "
          + f.lastDataRows()
          + ", "
          + pct(100 - f.rowsPercentOfLast())
          + " fewer): the export was most likely cut short"
          + (vanished.isEmpty()
              ? "."
              : ", which also left out every row of " + quoted(vanished) + ".");
    }
    if (!vanished.isEmpty() && has(reasons, Check.VANISHED_SITE)) {
      return vanishedSites(plan, vanished);
    }
    if (has(reasons, Check.MAX_REMOVALS) || has(reasons, Check.MAX_REMOVAL_PERCENT)) {
      Departures d = Departures.of(plan);
      if (d.mostlyGone()) {
        return people(d.gone(), "person")
            + " are gone from the file at once ("
            + f.totalRemovals()
            + " removals over "
            + people(d.sites(), "site")
            + "): check that the export is complete before approving.";
      }
      return d.leftSite()
          + " memberships go because people are still in the file but no longer at a site they"
          + " hold in Titan: check the site names and aliases before approving.";
    }
    if (has(reasons, Check.MAX_UPDATE_PERCENT)) {
      return people(f.updates(), "person")
          + " change name, email or status at once ("
          + pct(f.updatePercent())
          + " of managed accounts): check that the columns are not shifted and the email domain"
          + " did not change.";
    }
    return firstOwnCause(reasons);
  }

  /**
   * The likely cause of a revert: a mass removal or update is what undoing a large run does, alone
   * or with the earlier runs of the window; empty when nothing tripped.
   */
  static String ofUndo(Figures f, Window window, List<Reason> reasons) {
    if (!(has(reasons, Check.MAX_REMOVALS)
        || has(reasons, Check.MAX_REMOVAL_PERCENT)
        || has(reasons, Check.MAX_UPDATE_PERCENT))) {
      return firstOwnCause(reasons);
    }
    Tally earlier = window.counted();
    return "Undoing a run takes back what it did: "
        + f.totalRemovals()
        + " removals and "
        + f.updates()
        + " profile updates"
        + (earlier.removals() + earlier.updates() == 0
            ? " are more than one run may make without approval."
            : ", with the "
                + earlier.removals()
                + " removals and "
                + earlier.updates()
                + " updates of earlier runs in the last "
                + window.hours()
                + " h, are more than the window allows without approval.");
  }

  private static String vanishedSites(Plan plan, List<String> vanished) {
    int managed = 0;
    for (String site : vanished) {
      managed += plan.stats().managedMembersBySite().get(site);
    }
    boolean one = vanished.size() == 1;
    return (one ? "Site " : "Sites ")
        + quoted(vanished)
        + (one ? " has" : " have")
        + " no row in the file ("
        + people(managed, "managed member")
        + " in Titan): the export most likely left "
        + (one ? "that site" : "those sites")
        + " out, or "
        + (one ? "it was" : "they were")
        + " renamed.";
  }

  /** The first tripped check's own cause, as a sentence; empty when none has one. */
  private static String firstOwnCause(List<Reason> reasons) {
    for (Reason r : reasons) {
      if (!r.cause().isEmpty()) {
        return Words.sentence(r.cause());
      }
    }
    return "";
  }

  private static boolean has(List<Reason> reasons, Check check) {
    return reasons.stream().anyMatch(r -> r.check() == check);
  }
}
