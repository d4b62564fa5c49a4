package org.titansync.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;

/**
 * Checks a whole plan before anything is written and says whether it is held, and why. Pure: the
 * same plan, file facts and limits always give the same verdict.
 *
 * <p>The checks, in the order the report lists them (docs/operations.md, "Guardrails"):
 *
 * <ul>
 *   <li><b>hold_on_header_change</b>: the header set differs from the last accepted file's;
 *   <li><b>hold_on_vanished_site</b>: a site where titan-sync manages members has nobody in the
 *       file;
 *   <li><b>min_rows_percent_of_last</b>: the file has fewer rows than this percent of the last
 *       accepted file's;
 *   <li><b>max_removals</b> and <b>max_removal_percent</b>: memberships removed plus accounts
 *       deactivated, as a count and as a percent of the memberships titan-sync manages;
 *   <li><b>max_update_percent</b>: people whose profile changes, as a percent of managed accounts.
 * </ul>
 *
 * The first run (no last accepted file) skips the two comparisons with the last file only.
 */
public final class Guardrails {
  /** The group name that {@link Verdict#removalsBySite()} gives deactivated accounts. */
  public static final String DEACTIVATIONS = "(accounts deactivated)";

  private final Limits limits;

  public Guardrails(Limits limits) {
    this.limits = limits;
  }

  /**
   * True for the changes the removal thresholds count: a membership removed, an account set off.
   */
  public static boolean isRemoval(Change change) {
    return change.kind() == ChangeKind.REMOVE_MEMBERSHIP || change.kind() == ChangeKind.DEACTIVATE;
  }

  /**
   * True for the changes max_update_percent counts: a profile update. A link (a hand-made account
   * taking its external_id) and the temporary email release of a move are not counted.
   */
  public static boolean isUpdate(Change change) {
    return change.kind() == ChangeKind.UPDATE;
  }

  /**
   * Judges a plan made from a file.
   *
   * @param headers the file's header names as written
   * @param last the last accepted file; empty on the first run
   */
  public Verdict evaluate(Plan plan, List<String> headers, Optional<Baseline> last) {
    Figures figures = figures(plan, last.map(Baseline::dataRows).orElse(-1));
    List<Reason> reasons = new ArrayList<>();
    HeaderDiff header = last.map(b -> HeaderDiff.of(b.headers(), headers)).orElse(null);
    if (limits.holdOnHeaderChange() && header != null && header.changed()) {
      reasons.add(
          new Reason(
              Check.HEADER_CHANGE,
              "The header changed since the last accepted file (run "
                  + last.get().runId()
                  + "): "
                  + header.describe()
                  + " (hold_on_header_change = true)."));
    }
    List<String> vanished = vanishedSites(plan.stats());
    if (limits.holdOnVanishedSite()) {
      Map<String, Integer> removalsAt = removalsPerSite(plan);
      for (String site : vanished) {
        int managed = plan.stats().managedMembersBySite().get(site);
        reasons.add(
            new Reason(
                Check.VANISHED_SITE,
                "Site \""
                    + site
                    + "\" has "
                    + people(managed, "member")
                    + " titan-sync manages in Titan but no row in the file names it; the plan"
                    + " removes "
                    + removalsAt.getOrDefault(site, 0)
                    + " memberships there (hold_on_vanished_site = true)."));
      }
    }
    if (last.isPresent()
        && limits.minRowsPercentOfLast() > 0
        && figures.lastDataRows() > 0
        && figures.rowsPercentOfLast() < limits.minRowsPercentOfLast()) {
      reasons.add(
          new Reason(
              Check.MIN_ROWS_PERCENT_OF_LAST,
              "The file has "
                  + figures.dataRows()
                  + " data rows, "
                  + pct(figures.rowsPercentOfLast())
                  + " of the "
                  + figures.lastDataRows()
                  + " in the last accepted file (run "
                  + last.get().runId()
                  + "): it shrank by "
                  + pct(100 - figures.rowsPercentOfLast())
                  + ", below min_rows_percent_of_last = "
                  + limit(limits.minRowsPercentOfLast())
                  + "."));
    }
    removalAndUpdateChecks(figures, reasons);
    String cause = reasons.isEmpty() ? "" : likelyCause(plan, figures, header, vanished, reasons);
    return verdict(plan, figures, reasons, cause, true);
  }

  /**
   * Judges a plan not made from a file (a revert): there is no file to compare, so only the removal
   * and update limits apply.
   */
  public Verdict evaluateUndo(Plan plan) {
    Figures figures = figures(plan, -1);
    List<Reason> reasons = new ArrayList<>();
    removalAndUpdateChecks(figures, reasons);
    String cause =
        reasons.isEmpty()
            ? ""
            : "Undoing a run takes back what it did: "
                + figures.totalRemovals()
                + " removals and "
                + figures.updates()
                + " profile updates are more than one run may make without approval.";
    return verdict(plan, figures, reasons, cause, false);
  }

  private void removalAndUpdateChecks(Figures f, List<Reason> reasons) {
    String removals =
        f.totalRemovals()
            + " removals ("
            + f.removals()
            + " memberships removed, "
            + f.deactivations()
            + " accounts deactivated)";
    if (f.totalRemovals() > limits.maxRemovals()) {
      reasons.add(
          new Reason(
              Check.MAX_REMOVALS,
              "The plan makes "
                  + removals
                  + ", more than max_removals = "
                  + limits.maxRemovals()
                  + "."));
    }
    if (f.managedMemberships() > 0 && f.removalPercent() > limits.maxRemovalPercent()) {
      reasons.add(
          new Reason(
              Check.MAX_REMOVAL_PERCENT,
              "The plan makes "
                  + removals
                  + ", "
                  + pct(f.removalPercent())
                  + " of the "
                  + f.managedMemberships()
                  + " memberships titan-sync manages in Titan, more than max_removal_percent = "
                  + limit(limits.maxRemovalPercent())
                  + "."));
    }
    if (f.managedUsers() > 0 && f.updatePercent() > limits.maxUpdatePercent()) {
      reasons.add(
          new Reason(
              Check.MAX_UPDATE_PERCENT,
              "The plan changes the name, email or status of "
                  + people(f.updates(), "person")
                  + ", "
                  + pct(f.updatePercent())
                  + " of the "
                  + f.managedUsers()
                  + " accounts titan-sync manages in Titan, more than max_update_percent = "
                  + limit(limits.maxUpdatePercent())
                  + "."));
    }
  }

  private Verdict verdict(
      Plan plan, Figures figures, List<Reason> reasons, String cause, boolean fromFile) {
    List<SiteRemovals> bySite = removalsBySite(plan, fromFile);
    if (reasons.isEmpty()) {
      return new Verdict(false, false, List.of(), "", bySite, Set.of(), figures);
    }
    boolean updatesTripped = reasons.stream().anyMatch(r -> r.check() == Check.MAX_UPDATE_PERCENT);
    Set<String> held = new LinkedHashSet<>();
    for (Change c : plan.changes()) {
      if (!limits.holdRemovalsOnly() || isRemoval(c) || (updatesTripped && isUpdate(c))) {
        held.add(c.key());
      }
    }
    return new Verdict(true, limits.holdRemovalsOnly(), reasons, cause, bySite, held, figures);
  }

  /** A verdict that holds every change of the plan, for one reason that is not a guardrail. */
  public static Verdict holdAll(Plan plan, Reason reason, String likelyCause) {
    Set<String> held = new LinkedHashSet<>();
    plan.changes().forEach(c -> held.add(c.key()));
    Figures f = figures(plan, -1);
    return new Verdict(
        true, false, List.of(reason), likelyCause, removalsBySite(plan, false), held, f);
  }

  // ---- figures -----------------------------------------------------------------------------

  private static Figures figures(Plan plan, int lastRows) {
    int removals = 0;
    int deactivations = 0;
    Set<String> updated = new HashSet<>();
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
        removals++;
      } else if (c.kind() == ChangeKind.DEACTIVATE) {
        deactivations++;
      } else if (isUpdate(c)) {
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

  /** Sites with managed members in Titan and nobody in the file, by name. */
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

  private static List<SiteRemovals> removalsBySite(Plan plan, boolean fromFile) {
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
              new SiteRemovals(site, n[0], managed, file, siteCause(n, managed, file, fromFile)));
        });
    out.sort(Comparator.comparingInt(SiteRemovals::removals).reversed());
    if (deactivations > 0) {
      out.add(
          new SiteRemovals(
              DEACTIVATIONS,
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

  private static String siteCause(int[] n, int managed, int file, boolean fromFile) {
    if (!fromFile) {
      return n[0] + " memberships the reverted run added or changed are taken back";
    }
    if (file == 0 && managed > 0) {
      return "no row in the file names this site: the export probably left it out, or the site"
          + " was renamed";
    }
    int gone = n[1];
    int left = n[0] - gone;
    return n[0]
        + " of its "
        + managed
        + " managed members go ("
        + pct(managed == 0 ? 100 : 100.0 * n[0] / managed)
        + "): "
        + gone
        + " gone from the file, "
        + left
        + " still in the file but no longer at this site";
  }

  // ---- the likely cause --------------------------------------------------------------------

  private static String likelyCause(
      Plan plan, Figures f, HeaderDiff header, List<String> vanished, List<Reason> reasons) {
    if (header != null && header.changed() && has(reasons, Check.HEADER_CHANGE)) {
      return "The export's columns changed ("
          + header.describe()
          + "): a changed export layout is the likely cause; check the export job before"
          + " approving.";
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
      int managed = 0;
      for (String site : vanished) {
        managed += plan.stats().managedMembersBySite().get(site);
      }
      return (vanished.size() == 1 ? "Site " : "Sites ")
          + quoted(vanished)
          + (vanished.size() == 1 ? " has" : " have")
          + " no row in the file ("
          + people(managed, "managed member")
          + " in Titan): the export most likely left "
          + (vanished.size() == 1 ? "that site" : "those sites")
          + " out, or "
          + (vanished.size() == 1 ? "it was" : "they were")
          + " renamed.";
    }
    if (has(reasons, Check.MAX_REMOVALS) || has(reasons, Check.MAX_REMOVAL_PERCENT)) {
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
      if (gone.size() >= leftSite) {
        return people(gone.size(), "person")
            + " are gone from the file at once ("
            + f.totalRemovals()
            + " removals over "
            + people(sites.size(), "site")
            + "): check that the export is complete before approving.";
      }
      return leftSite
          + " memberships go because people are still in the file but no longer at a site they"
          + " hold in Titan: check the site names and aliases before approving.";
    }
    return people(f.updates(), "person")
        + " change name, email or status at once ("
        + pct(f.updatePercent())
        + " of managed accounts): check that the columns are not shifted and the email domain"
        + " did not change.";
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("\"" + n + "\""));
    return String.join(", ", q);
  }

  private static boolean has(List<Reason> reasons, Check check) {
    return reasons.stream().anyMatch(r -> r.check() == check);
  }

  /** Which header names went and came, compared ignoring case and surrounding spaces. */
  private record HeaderDiff(List<String> gone, List<String> added) {
    static HeaderDiff of(List<String> before, List<String> now) {
      Map<String, String> b = normalised(before);
      Map<String, String> n = normalised(now);
      return new HeaderDiff(missingFrom(n, b), missingFrom(b, n));
    }

    /** The names of {@code from} that {@code other} lacks, as {@code from} wrote them. */
    private static List<String> missingFrom(Map<String, String> other, Map<String, String> from) {
      List<String> out = new ArrayList<>();
      from.forEach(
          (key, name) -> {
            if (!other.containsKey(key)) {
              out.add(name);
            }
          });
      return List.copyOf(out);
    }

    private static Map<String, String> normalised(List<String> names) {
      Map<String, String> out = new LinkedHashMap<>();
      names.forEach(h -> out.putIfAbsent(h.strip().toLowerCase(Locale.ROOT), h));
      return out;
    }

    boolean changed() {
      return !gone.isEmpty() || !added.isEmpty();
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      if (!gone.isEmpty()) {
        parts.add((gone.size() == 1 ? "column " : "columns ") + quoted(gone) + " gone");
      }
      if (!added.isEmpty()) {
        parts.add((added.size() == 1 ? "column " : "columns ") + quoted(added) + " new");
      }
      return String.join("; ", parts);
    }
  }

  // ---- words -------------------------------------------------------------------------------

  /** A measured percent, one decimal: {@code 41.3%}. */
  static String pct(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }

  /** A configured limit as written: {@code 10%}, {@code 12.5%}. */
  static String limit(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d%%", (long) value)
        : String.format(Locale.ROOT, "%s%%", value);
  }

  static String people(int n, String noun) {
    if (n == 1) {
      return "1 " + noun;
    }
    return n + " " + (noun.endsWith("person") ? noun.replace("person", "people") : noun + "s");
  }
}
