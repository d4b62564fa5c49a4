package org.titansync.guard;

import static org.titansync.guard.Words.limit;
import static org.titansync.guard.Words.pct;
import static org.titansync.guard.Words.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;

/**
 * The checks on the file itself: hold_on_header_change (a field read from another column, or the
 * file read in another format, than the last accepted file), hold_on_vanished_site (a site where
 * titan-sync manages members has nobody in the file) and min_rows_percent_of_last (the file
 * shrank).
 *
 * @param last the last accepted file; empty on the first run
 * @param headerChanges the fields read from another column than in the last accepted file
 * @param formatChanges the format's settings that changed since the last accepted file
 * @param vanishedSites sites with managed members in Titan and nobody in the file, by name
 */
record FileChecks(
    Optional<Baseline> last,
    List<String> headerChanges,
    List<String> formatChanges,
    List<String> vanishedSites) {

  FileChecks {
    headerChanges = List.copyOf(headerChanges);
    formatChanges = List.copyOf(formatChanges);
    vanishedSites = List.copyOf(vanishedSites);
  }

  /**
   * How the file differs from the last accepted file and from Titan's sites.
   *
   * @param headers the file's header names as written
   * @param format how the file was read; null when unknown (then not compared)
   */
  static FileChecks of(
      Limits limits, Plan plan, List<String> headers, FileFormat format, Optional<Baseline> last) {
    List<String> headerChanges =
        last.map(
                b ->
                    ColumnMeaning.of(b.headers(), limits.columnAliases())
                        .differences(ColumnMeaning.of(headers, limits.columnAliases())))
            .orElse(List.of());
    List<String> formatChanges =
        last.filter(b -> b.format() != null && format != null)
            .map(b -> b.format().differences(format))
            .orElse(List.of());
    return new FileChecks(last, headerChanges, formatChanges, vanishedSites(plan.stats()));
  }

  /** The reasons these checks give to hold, in the order the report lists them. */
  void check(Limits limits, Plan plan, Figures figures, List<Reason> reasons) {
    if (limits.holdOnHeaderChange() && !(headerChanges.isEmpty() && formatChanges.isEmpty())) {
      reasons.add(headerChange());
    }
    if (limits.holdOnVanishedSite()) {
      Map<String, Integer> removalsAt = removalsPerSite(plan);
      for (String site : vanishedSites) {
        reasons.add(vanishedSite(site, plan.stats(), removalsAt.getOrDefault(site, 0)));
      }
    }
    if (last.isPresent()
        && limits.minRowsPercentOfLast() > 0
        && figures.lastDataRows() > 0
        && figures.rowsPercentOfLast() < limits.minRowsPercentOfLast()) {
      reasons.add(shrunk(figures, limits.minRowsPercentOfLast()));
    }
  }

  private Reason headerChange() {
    List<String> all = new ArrayList<>(headerChanges);
    all.addAll(formatChanges);
    List<String> figure = new ArrayList<>();
    if (!headerChanges.isEmpty()) {
      figure.add(people(headerChanges.size(), "field") + " read from another column");
    }
    if (!formatChanges.isEmpty()) {
      figure.add(formatChanges.size() + " of the format's settings changed");
    }
    boolean formatOnly = headerChanges.isEmpty();
    return new Reason(
        Check.HEADER_CHANGE,
        (formatOnly
                ? "The file is read in another format than the last accepted file (run "
                : "The columns mean something else than in the last accepted file (run ")
            + runId()
            + "): "
            + String.join("; ", all)
            + " (hold_on_header_change = true).",
        String.join(", ", figure),
        "no field read from another column, the same format",
        formatOnly
            ? "the [csv] or [roster] settings, or the kind of export, changed: the same"
                + " export now reads into other values; check both before approving"
            : "the export's layout changed: check the export job before approving");
  }

  private static Reason vanishedSite(String site, PlanStats stats, int removals) {
    int managed = stats.managedMembersBySite().get(site);
    return new Reason(
        Check.VANISHED_SITE,
        "Site \""
            + site
            + "\" has "
            + people(managed, "member")
            + " titan-sync manages in Titan but no row in the file names it; the plan"
            + " removes "
            + removals
            + " memberships there (hold_on_vanished_site = true).",
        "no row for \"" + site + "\" (" + people(managed, "managed member") + ")",
        "no such site",
        "the export left the site out, or the site was renamed in the SIS and is not"
            + " mapped under [sites.aliases]");
  }

  private Reason shrunk(Figures f, double minPercent) {
    return new Reason(
        Check.MIN_ROWS_PERCENT_OF_LAST,
        "The file has "
            + f.dataRows()
            + " data rows, "
            + pct(f.rowsPercentOfLast())
            + " of the "
            + f.lastDataRows()
            + " in the last accepted file (run "
            + runId()
            + "): it shrank by "
            + pct(100 - f.rowsPercentOfLast())
            + ", below min_rows_percent_of_last = "
            + limit(minPercent)
            + ".",
        f.dataRows() + " of " + f.lastDataRows() + " rows (" + pct(f.rowsPercentOfLast()) + ")",
        "at least " + limit(minPercent),
        "the export was most likely cut short");
  }

  private String runId() {
    return last.map(Baseline::runId).orElse("");
  }

  private static List<String> vanishedSites(PlanStats stats) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(stats.managedMembersBySite())
        .forEach(
            (site, managed) -> {
              if (managed > 0 && stats.fileMembersBySite().getOrDefault(site, 0) == 0) {
                out.add(site);
              }
            });
    return out;
  }

  private static Map<String, Integer> removalsPerSite(Plan plan) {
    Map<String, Integer> out = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
        out.merge(r.siteName(), 1, Integer::sum);
      }
    }
    return out;
  }
}
