package org.titansync.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * Checks a whole plan before anything is written and says whether it is held, and why. Pure: the
 * same plan, file facts and limits always give the same verdict.
 *
 * <p>The checks, in the order the report lists them (docs/operations.md, "Guardrails"):
 *
 * <ul>
 *   <li><b>hold_on_header_change</b>: a field is read from another column than in the last accepted
 *       file, or the file is read in another format (delimiter, quote, encoding, role separator);
 *   <li><b>hold_on_vanished_site</b>: a site where titan-sync manages members has nobody in the
 *       file;
 *   <li><b>min_rows_percent_of_last</b>: the file has fewer rows than this percent of the last
 *       accepted file's;
 *   <li><b>max_removals</b> and <b>max_removal_percent</b>: memberships removed plus accounts
 *       deactivated, as a count and as a percent of the memberships titan-sync manages;
 *   <li><b>max_update_percent</b>: people whose profile changes, as a percent of managed accounts;
 *   <li><b>max_domain_move_percent</b>: emails moved to another domain, as a percent of managed
 *       accounts;
 *   <li><b>max_privileged_changes</b>: privileged roles granted or taken away;
 *   <li><b>hold_on_last_privileged_holder</b>: a privileged role some active account held in Titan
 *       has no holder after the plan;
 *   <li><b>max_role_change_percent</b>: existing memberships whose roles change, as a percent of
 *       managed memberships;
 *   <li><b>max_creations</b> and <b>max_creation_percent</b>: new accounts, as a count and as a
 *       percent of managed accounts.
 * </ul>
 *
 * The counted checks add the earlier runs of the window ({@link Window}) to this plan's changes.
 * The first run (no last accepted file) skips the two comparisons with the last file only; the
 * first load (Titan has no managed account) skips the creation and privilege checks.
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
   * Judges a plan made from a file, alone (no earlier runs in the window).
   *
   * @param headers the file's header names as written
   * @param last the last accepted file; empty on the first run
   */
  public Verdict evaluate(Plan plan, List<String> headers, Optional<Baseline> last) {
    return evaluate(plan, headers, last, Window.none(limits.windowHours()));
  }

  /**
   * Judges a plan made from a file, with what the earlier runs of the window changed.
   *
   * @param headers the file's header names as written
   * @param last the last accepted file; empty on the first run
   * @param window the runs that wrote to Titan in the last window_hours
   */
  public Verdict evaluate(Plan plan, List<String> headers, Optional<Baseline> last, Window window) {
    return evaluate(plan, headers, null, last, window, List.of());
  }

  /**
   * Judges a plan made from a file, with how the file was read, what the earlier runs of the window
   * changed and how many people hold each privileged role before and after the plan.
   *
   * @param headers the file's header names as written
   * @param format how the file was read; null when unknown (then not compared)
   * @param last the last accepted file; empty on the first run
   * @param window the runs that wrote to Titan in the last window_hours
   * @param holders see {@link RoleHolders#of}; empty when unknown
   */
  public Verdict evaluate(
      Plan plan,
      List<String> headers,
      FileFormat format,
      Optional<Baseline> last,
      Window window,
      List<RoleHolders> holders) {
    Figures figures = figures(plan, last.map(Baseline::dataRows).orElse(-1));
    List<Reason> reasons = new ArrayList<>();
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
    if (limits.holdOnHeaderChange() && !(headerChanges.isEmpty() && formatChanges.isEmpty())) {
      List<String> all = new ArrayList<>(headerChanges);
      all.addAll(formatChanges);
      List<String> figure = new ArrayList<>();
      if (!headerChanges.isEmpty()) {
        figure.add(people(headerChanges.size(), "field") + " read from another column");
      }
      if (!formatChanges.isEmpty()) {
        figure.add(formatChanges.size() + " of the format's settings changed");
      }
      reasons.add(
          new Reason(
              Check.HEADER_CHANGE,
              (headerChanges.isEmpty()
                      ? "The file is read in another format than the last accepted file (run "
                      : "The columns mean something else than in the last accepted file (run ")
                  + last.get().runId()
                  + "): "
                  + String.join("; ", all)
                  + " (hold_on_header_change = true).",
              String.join(", ", figure),
              "no field read from another column, the same format",
              headerChanges.isEmpty()
                  ? "the [csv] settings or the export's format changed: the same bytes now read"
                      + " into other values; check both before approving"
                  : "the export's layout changed: check the export job before approving"));
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
                    + " memberships there (hold_on_vanished_site = true).",
                "no row for \"" + site + "\" (" + people(managed, "managed member") + ")",
                "no such site",
                "the export left the site out, or the site was renamed in the SIS and is not"
                    + " mapped under [sites.aliases]"));
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
                  + ".",
              figures.dataRows()
                  + " of "
                  + figures.lastDataRows()
                  + " rows ("
                  + pct(figures.rowsPercentOfLast())
                  + ")",
              "at least " + limit(limits.minRowsPercentOfLast()),
              "the export was most likely cut short"));
    }
    Tally tally = Tally.of(plan, limits.privileged(), c -> true);
    boolean firstLoad = plan.stats().managedUsers() == 0;
    harmChecks(plan, figures, tally, window, firstLoad, true, holders, reasons);
    String cause =
        reasons.isEmpty()
            ? ""
            : likelyCause(plan, figures, headerChanges, formatChanges, vanished, reasons);
    List<String> notes = firstLoad ? List.of(firstLoadNote(plan)) : List.of();
    return verdict(plan, figures, reasons, cause, true, tally, window, firstLoad, notes, holders);
  }

  /**
   * Judges a plan not made from a file (a revert): there is no file to compare, so only the limits
   * on what the plan changes apply.
   */
  public Verdict evaluateUndo(Plan plan) {
    return evaluateUndo(plan, List.of());
  }

  /**
   * Judges a revert, with how many people hold each privileged role before and after it.
   *
   * @param holders see {@link RoleHolders#of}; empty when unknown
   */
  public Verdict evaluateUndo(Plan plan, List<RoleHolders> holders) {
    return evaluateUndo(plan, holders, Window.none(limits.windowHours()));
  }

  /**
   * Judges a revert with the earlier runs of the window: an undo is a deliberate act, but the undo
   * of a large run is still a mass removal, and one spread over a revert and a few files is held
   * like the same harm in one run. The caller leaves the undone run out of {@code window}: its
   * changes are the ones taken back, not harm that adds up.
   *
   * @param holders see {@link RoleHolders#of}; empty when unknown
   * @param window the runs that wrote to Titan in the last window_hours, without the undone run
   */
  public Verdict evaluateUndo(Plan plan, List<RoleHolders> holders, Window window) {
    Figures figures = figures(plan, -1);
    Tally tally = Tally.of(plan, limits.privileged(), c -> true);
    List<Reason> reasons = new ArrayList<>();
    harmChecks(plan, figures, tally, window, false, false, holders, reasons);
    String cause = "";
    if (has(reasons, Check.MAX_REMOVALS)
        || has(reasons, Check.MAX_REMOVAL_PERCENT)
        || has(reasons, Check.MAX_UPDATE_PERCENT)) {
      Tally earlier = window.counted();
      cause =
          "Undoing a run takes back what it did: "
              + figures.totalRemovals()
              + " removals and "
              + figures.updates()
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
    } else {
      for (Reason r : reasons) {
        if (!r.cause().isEmpty()) {
          cause = Character.toUpperCase(r.cause().charAt(0)) + r.cause().substring(1) + ".";
          break;
        }
      }
    }
    return verdict(plan, figures, reasons, cause, false, tally, window, false, List.of(), holders);
  }

  /** The first load in words: what it grants and which limits applied. */
  private String firstLoadNote(Plan plan) {
    Map<String, Integer> granted = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu) {
        for (Membership m : cu.memberships()) {
          limits.privileged().among(m.roleNames()).forEach(r -> granted.merge(r, 1, Integer::sum));
        }
      }
    }
    List<String> roles = new ArrayList<>();
    granted.forEach((r, n) -> roles.add(r + " " + n));
    return "First load: Titan has no account titan-sync manages yet, so this run creates everyone"
        + " and the creation and privilege checks (max_creations, max_creation_percent,"
        + " max_privileged_changes, hold_on_last_privileged_holder, max_role_change_percent) do"
        + " not hold it. "
        + (roles.isEmpty()
            ? "It grants no privileged role."
            : "It grants privileged roles: " + String.join(", ", roles) + ".")
        + " The limits that applied: max_removals = "
        + limits.maxRemovals()
        + ", max_removal_percent = "
        + limit(limits.maxRemovalPercent())
        + ", max_update_percent = "
        + limit(limits.maxUpdatePercent())
        + ", max_domain_move_percent = "
        + limit(limits.maxDomainMovePercent())
        + (limits.holdOnVanishedSite() ? ", hold_on_vanished_site" : "")
        + ". A later run that finishes an interrupted first load is not a first load.";
  }

  /** One measured figure: this run's part, the earlier runs' part, and what a percent is of. */
  private record Measure(int run, int earlier, int base, int hours) {
    int total() {
      return run + earlier;
    }

    double percent() {
      return base == 0 ? 0 : 100.0 * total() / base;
    }

    /** "; with the 8 of earlier runs in the last 24 h that is 17", or nothing. */
    String windowClause() {
      return earlier == 0
          ? ""
          : "; with the "
              + earlier
              + " of earlier runs in the last "
              + hours
              + " h that is "
              + total();
    }

    /** "5000 new accounts in this run", "36.2% of managed accounts (17 of 47) in the last 24 h". */
    String figure(String what, boolean percent) {
      String n =
          percent
              ? pct(percent()) + " " + what + " (" + total() + " of " + base + ")"
              : total() + " " + what;
      return n + (earlier == 0 ? " in this run" : " in the last " + hours + " h");
    }
  }

  private static Measure measure(int run, int earlier, int baseNow, int baseWindow, Window w) {
    return new Measure(run, earlier, earlier == 0 ? baseNow : baseWindow, w.hours());
  }

  private void harmChecks(
      Plan plan,
      Figures f,
      Tally t,
      Window window,
      boolean firstLoad,
      boolean fromFile,
      List<RoleHolders> holders,
      List<Reason> reasons) {
    Tally e = window.counted();
    int users = f.managedUsers();
    int windowUsers = window.managedUsers(users);
    int memberships = f.managedMemberships();
    int windowMemberships = window.managedMemberships(memberships);

    Measure removals = measure(t.removals(), e.removals(), memberships, windowMemberships, window);
    // The percent counts what is taken away once: an account deactivated with its memberships
    // removed loses those memberships, not one more on top (that gave figures over 100%).
    int deactivatedAlone = deactivationsWithoutRemovals(plan);
    Measure removalShare =
        measure(
            f.removals() + deactivatedAlone, e.removals(), memberships, windowMemberships, window);
    String removalWords =
        f.totalRemovals()
            + " removals ("
            + f.removals()
            + " memberships removed, "
            + f.deactivations()
            + " accounts deactivated)"
            + removals.windowClause();
    String removalCause = removalCause(plan, fromFile);
    if (removals.total() > limits.maxRemovals()) {
      reasons.add(
          new Reason(
              Check.MAX_REMOVALS,
              "The plan makes "
                  + removalWords
                  + ", more than max_removals = "
                  + limits.maxRemovals()
                  + ".",
              removals.figure("removals", false),
              String.valueOf(limits.maxRemovals()),
              removalCause));
    }
    if (removalShare.base() > 0 && removalShare.percent() > limits.maxRemovalPercent()) {
      int countedOnce = f.deactivations() - deactivatedAlone;
      reasons.add(
          new Reason(
              Check.MAX_REMOVAL_PERCENT,
              "The plan makes "
                  + removalWords
                  + ", "
                  + pct(removalShare.percent())
                  + " of the "
                  + removalShare.base()
                  + " memberships titan-sync manages in Titan"
                  + (countedOnce == 0
                      ? ""
                      : (countedOnce == 1
                          ? " (the account deactivated is counted by the memberships it loses)"
                          : " (the "
                              + countedOnce
                              + " accounts deactivated are counted by the memberships they"
                              + " lose)"))
                  + ", more than max_removal_percent = "
                  + limit(limits.maxRemovalPercent())
                  + ".",
              removalShare.figure("of managed memberships removed", true),
              limit(limits.maxRemovalPercent()),
              removalCause));
    }
    Measure updates = measure(t.updates(), e.updates(), users, windowUsers, window);
    if (updates.base() > 0 && updates.percent() > limits.maxUpdatePercent()) {
      reasons.add(
          new Reason(
              Check.MAX_UPDATE_PERCENT,
              "The plan changes the name, email or status of "
                  + people(t.updates(), "person")
                  + updates.windowClause()
                  + ", "
                  + pct(updates.percent())
                  + " of the "
                  + updates.base()
                  + " accounts titan-sync manages in Titan, more than max_update_percent = "
                  + limit(limits.maxUpdatePercent())
                  + ".",
              updates.figure("of managed accounts updated", true),
              limit(limits.maxUpdatePercent()),
              "check that the columns are not shifted and the email domain did not change"));
    }
    Measure moves = measure(t.domainMoves(), e.domainMoves(), users, windowUsers, window);
    if (moves.total() > 0 && moves.base() > 0 && moves.percent() > limits.maxDomainMovePercent()) {
      reasons.add(
          new Reason(
              Check.MAX_DOMAIN_MOVE_PERCENT,
              "The plan moves the email of "
                  + people(t.domainMoves(), "person")
                  + " to another domain"
                  + moves.windowClause()
                  + ", "
                  + pct(moves.percent())
                  + " of the "
                  + moves.base()
                  + " accounts titan-sync manages in Titan, more than max_domain_move_percent = "
                  + limit(limits.maxDomainMovePercent())
                  + ".",
              moves.figure("of managed accounts moved to another email domain", true),
              limit(limits.maxDomainMovePercent()),
              domainCause(plan, moves)));
    }
    if (firstLoad) {
      return;
    }
    Measure privileged = measure(t.privilegedChanges(), e.privilegedChanges(), 0, 0, window);
    if (privileged.total() > limits.maxPrivilegedChanges()) {
      reasons.add(
          new Reason(
              Check.MAX_PRIVILEGED_CHANGES,
              "The plan grants or takes away "
                  + people(t.privilegedChanges(), "privileged role")
                  + " ("
                  + privilegeCounts(plan)
                  + ")"
                  + holdersClause(holders)
                  + privileged.windowClause()
                  + ", more than max_privileged_changes = "
                  + limits.maxPrivilegedChanges()
                  + ". Privileged: "
                  + limits.privileged().describe()
                  + ".",
              privileged.figure("privileged roles granted or taken away", false),
              String.valueOf(limits.maxPrivilegedChanges()),
              privilegeCause(plan, holders)));
    }
    List<RoleHolders> emptied = new ArrayList<>();
    for (RoleHolders h : holders) {
      if (h.before() > 0 && h.after() == 0) {
        emptied.add(h);
      }
    }
    if (limits.holdOnLastPrivilegedHolder() && !emptied.isEmpty()) {
      List<String> words = new ArrayList<>();
      emptied.forEach(h -> words.add(h.toString()));
      reasons.add(
          new Reason(
              Check.LAST_PRIVILEGED_HOLDER,
              "After the plan nobody holds "
                  + (emptied.size() == 1 ? "the privileged role " : "the privileged roles ")
                  + String.join(", ", words)
                  + " (hold_on_last_privileged_holder = true).",
              people(emptied.size(), "privileged role") + " left with no holder",
              "every privileged role held before keeps a holder",
              "nobody would be left who holds "
                  + quoted(emptied.stream().map(RoleHolders::role).toList())
                  + " in Titan: check that the export still lists "
                  + (emptied.size() == 1
                      ? "its holders with that role"
                      : "their holders with those roles")
                  + " before approving"));
    }
    Measure roles =
        measure(t.roleChanges(), e.roleChanges(), memberships, windowMemberships, window);
    if (roles.total() > 0 && roles.base() > 0 && roles.percent() > limits.maxRoleChangePercent()) {
      reasons.add(
          new Reason(
              Check.MAX_ROLE_CHANGE_PERCENT,
              "The plan changes the roles of "
                  + people(t.roleChanges(), "membership")
                  + roles.windowClause()
                  + ", "
                  + pct(roles.percent())
                  + " of the "
                  + roles.base()
                  + " memberships titan-sync manages in Titan, more than max_role_change_percent"
                  + " = "
                  + limit(limits.maxRoleChangePercent())
                  + ".",
              roles.figure("of managed memberships change roles", true),
              limit(limits.maxRoleChangePercent()),
              roleCause(plan)));
    }
    Measure creations = measure(t.creations(), e.creations(), users, windowUsers, window);
    String creationCause = creationCause(plan, t);
    if (creations.total() > limits.maxCreations()) {
      reasons.add(
          new Reason(
              Check.MAX_CREATIONS,
              "The plan creates "
                  + people(t.creations(), "account")
                  + creations.windowClause()
                  + ", more than max_creations = "
                  + limits.maxCreations()
                  + ".",
              creations.figure("new accounts", false),
              String.valueOf(limits.maxCreations()),
              creationCause));
    }
    if (creations.total() > 0
        && creations.base() > 0
        && creations.percent() > limits.maxCreationPercent()) {
      reasons.add(
          new Reason(
              Check.MAX_CREATION_PERCENT,
              "The plan creates "
                  + people(t.creations(), "account")
                  + creations.windowClause()
                  + ", "
                  + pct(creations.percent())
                  + " of the "
                  + creations.base()
                  + " accounts titan-sync manages in Titan, more than max_creation_percent = "
                  + limit(limits.maxCreationPercent())
                  + ".",
              creations.figure("of managed accounts are new", true),
              limit(limits.maxCreationPercent()),
              creationCause));
    }
  }

  /** Accounts the plan deactivates without removing any of their memberships. */
  private static int deactivationsWithoutRemovals(Plan plan) {
    Set<String> losingMemberships = new HashSet<>();
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.REMOVE_MEMBERSHIP) {
        losingMemberships.add(c.userId());
      }
    }
    int n = 0;
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.DEACTIVATE && !losingMemberships.contains(c.userId())) {
        n++;
      }
    }
    return n;
  }

  // ---- per-check causes --------------------------------------------------------------------

  private static String removalCause(Plan plan, boolean fromFile) {
    if (!fromFile) {
      return "undoing a run takes back what it did";
    }
    Set<String> gone = new HashSet<>();
    int leftSite = 0;
    for (Change c : plan.changes()) {
      if (c instanceof RemoveMembership r) {
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
          + " are gone from the file: check that the export is complete";
    }
    return leftSite
        + " memberships go because people are no longer at a site they hold in Titan: check the"
        + " site names and aliases";
  }

  /** "8 emails moved to @other.example, 32 in the last 24 h". */
  private static String domainCause(Plan plan, Measure m) {
    Map<String, Integer> to = new TreeMap<>();
    Map<String, String> released = Tally.releasedEmails(plan);
    for (Change c : plan.changes()) {
      if (c instanceof UpdateUser u
          && u.kind() == ChangeKind.UPDATE
          && Tally.movesDomain(u, released)) {
        to.merge(Tally.domain(u.after().email()), 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    to.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(3)
        .forEach(en -> parts.add(people(en.getValue(), "email") + " moved to @" + en.getKey()));
    String now = parts.isEmpty() ? "no email moved in this run" : String.join(", ", parts);
    return now
        + (m.earlier() == 0 ? "" : ", " + m.total() + " in the last " + m.hours() + " h")
        + ": a domain change is done on purpose and approved once; a broken export or an"
        + " attacker does it unasked";
  }

  /** Grants and removals per privileged role, e.g. {@code +55 District Admin, -4 Principal}. */
  private String privilegeCounts(Plan plan) {
    Map<String, int[]> by = privilegeByRole(plan);
    List<String> parts = new ArrayList<>();
    by.forEach(
        (role, n) -> {
          if (n[0] > 0) {
            parts.add("+" + n[0] + " " + role);
          }
          if (n[1] > 0) {
            parts.add("-" + n[1] + " " + role);
          }
        });
    return String.join(", ", parts);
  }

  /** Privileged role -> {grants, removals}. */
  private Map<String, int[]> privilegeByRole(Plan plan) {
    PrivilegedRoles p = limits.privileged();
    Map<String, int[]> by = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu) {
        for (Membership m : cu.memberships()) {
          p.among(m.roleNames()).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[0]++);
        }
      } else if (c instanceof SetRoles s) {
        Tally.granted(s, p).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[0]++);
        Tally.taken(s, p).forEach(r -> by.computeIfAbsent(r, k -> new int[2])[1]++);
      } else if (c instanceof RemoveMembership r) {
        p.among(r.before().roleNames()).forEach(n -> by.computeIfAbsent(n, k -> new int[2])[1]++);
      }
    }
    return by;
  }

  /** "; holders: Principal: 12 -> 0, Superintendent: 1 -> 0", or nothing. */
  private static String holdersClause(List<RoleHolders> holders) {
    List<String> changed = new ArrayList<>();
    for (RoleHolders h : holders) {
      if (h.before() != h.after()) {
        changed.add(h.toString());
      }
    }
    return changed.isEmpty() ? "" : "; holders: " + String.join(", ", changed);
  }

  /**
   * The plan's own cause, with what the holder counts make plain: a role nobody holds any more
   * leads a demotion ("every Principal demoted (Principal: 12 -> 0); ..."); after a mass grant, it
   * and a role whose holders at least double follow ("...; District Admin holders 2 -> 57").
   */
  private String privilegeCause(Plan plan, List<RoleHolders> holders) {
    List<String> emptied = new ArrayList<>();
    List<String> multiplied = new ArrayList<>();
    for (RoleHolders h : holders) {
      if (h.before() > 0 && h.after() == 0) {
        emptied.add("every " + h.role() + " demoted (" + h + ")");
      } else if (h.after() > h.before() && h.after() >= 2 * Math.max(1, h.before())) {
        multiplied.add(h.role() + " holders " + h.before() + " -> " + h.after());
      }
    }
    String cause = privilegeCauseFromPlan(plan);
    int grants = 0;
    int taken = 0;
    for (int[] n : privilegeByRole(plan).values()) {
      grants += n[0];
      taken += n[1];
    }
    // Leaders demoted by a mass grant are its consequence: the grant stays the cause named first.
    List<String> after = new ArrayList<>();
    if (!emptied.isEmpty() && grants >= taken) {
      after.addAll(emptied);
    } else if (!emptied.isEmpty()) {
      cause = String.join(", ", emptied) + "; " + cause;
    }
    after.addAll(multiplied);
    return after.isEmpty() ? cause : cause + "; " + String.join(", ", after);
  }

  private String privilegeCauseFromPlan(Plan plan) {
    Map<String, int[]> by = privilegeByRole(plan);
    String topGrant = null;
    int grants = 0;
    int taken = 0;
    for (Map.Entry<String, int[]> en : by.entrySet()) {
      if (topGrant == null || en.getValue()[0] > by.get(topGrant)[0]) {
        topGrant = en.getKey();
      }
      grants += en.getValue()[0];
      taken += en.getValue()[1];
    }
    if (topGrant != null && grants >= taken && by.get(topGrant)[0] > 0) {
      int n = by.get(topGrant)[0];
      int persons = plan.stats().persons();
      if (persons > 0 && n >= persons) {
        return "every person in the file now gets the role \""
            + topGrant
            + "\": the role column most likely holds one value for every row";
      }
      return people(n, "membership")
          + " get the role \""
          + topGrant
          + "\": check the role column and [roles.map] before approving";
    }
    Map<String, Integer> newRoles = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof SetRoles s && !Tally.taken(s, limits.privileged()).isEmpty()) {
        newRoles.merge(String.join(", ", s.after().roleNames()), 1, Integer::sum);
      }
    }
    String now =
        newRoles.isEmpty()
            ? ""
            : " (now "
                + newRoles.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(2)
                    .map(en -> "\"" + en.getKey() + "\" for " + en.getValue())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")
                + ")";
    return people(taken, "privileged role")
        + " taken away"
        + now
        + ": a demotion of school leaders comes from a broken role column far more often than"
        + " from the district";
  }

  private static String roleCause(Plan plan) {
    Map<String, Integer> after = new TreeMap<>();
    int n = 0;
    for (Change c : plan.changes()) {
      if (c instanceof SetRoles s && !s.beforeRoleIds().isEmpty()) {
        after.merge(String.join(", ", s.after().roleNames()), 1, Integer::sum);
        n++;
      }
    }
    Map.Entry<String, Integer> top =
        after.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    if (top == null) {
      return "";
    }
    return top.getValue()
        + " of the "
        + n
        + " role changes make the roles \""
        + top.getKey()
        + "\": check the role column and [roles.map]";
  }

  private String creationCause(Plan plan, Tally t) {
    int privileged = 0;
    for (Change c : plan.changes()) {
      if (c instanceof CreateUser cu) {
        for (Membership m : cu.memberships()) {
          if (!limits.privileged().among(m.roleNames()).isEmpty()) {
            privileged++;
            break;
          }
        }
      }
    }
    return people(t.creations(), "person")
        + " in the file are unknown to Titan"
        + (privileged > 0 ? " (" + privileged + " of them with a privileged role)" : "")
        + ": check that this is the right export and that the external_ids kept their format";
  }

  private Verdict verdict(
      Plan plan,
      Figures figures,
      List<Reason> reasons,
      String cause,
      boolean fromFile,
      Tally tally,
      Window window,
      boolean firstLoad,
      List<String> notes,
      List<RoleHolders> holders) {
    List<SiteRemovals> bySite = removalsBySite(plan, fromFile);
    if (reasons.isEmpty()) {
      return new Verdict(
          false, false, List.of(), "", bySite, Set.of(), figures, tally, window, firstLoad, notes,
          "", holders);
    }
    Set<Check> tripped = new HashSet<>();
    reasons.forEach(r -> tripped.add(r.check()));
    Set<String> held = new LinkedHashSet<>();
    for (Change c : plan.changes()) {
      if (!limits.holdRemovalsOnly() || heldInRemovalsScope(c, tripped)) {
        held.add(c.key());
      }
    }
    return new Verdict(
        true,
        limits.holdRemovalsOnly(),
        reasons,
        cause,
        bySite,
        held,
        figures,
        tally,
        window,
        firstLoad,
        notes,
        "",
        holders);
  }

  /**
   * With hold_scope = "removals": removals always wait; the other kinds of change wait only when a
   * check that counts them tripped.
   */
  private boolean heldInRemovalsScope(Change c, Set<Check> tripped) {
    if (isRemoval(c)) {
      return true;
    }
    // The parking of a swapped email waits with the updates: sent alone, it would leave the
    // person on the parked address.
    if ((isUpdate(c) || c.kind() == ChangeKind.RELEASE_EMAIL)
        && (tripped.contains(Check.MAX_UPDATE_PERCENT)
            || tripped.contains(Check.MAX_DOMAIN_MOVE_PERCENT))) {
      return true;
    }
    if (c instanceof CreateUser
        && (tripped.contains(Check.MAX_CREATIONS)
            || tripped.contains(Check.MAX_CREATION_PERCENT))) {
      return true;
    }
    if (c instanceof SetRoles s
        && tripped.contains(Check.MAX_ROLE_CHANGE_PERCENT)
        && !s.beforeRoleIds().isEmpty()) {
      return true;
    }
    if (tripped.contains(Check.LAST_PRIVILEGED_HOLDER)
        && c instanceof SetRoles s
        && !Tally.taken(s, limits.privileged()).isEmpty()) {
      return true; // a demotion that may leave a role with nobody waits with the removals
    }
    if (tripped.contains(Check.MAX_PRIVILEGED_CHANGES)) {
      PrivilegedRoles p = limits.privileged();
      if (c instanceof SetRoles s) {
        return !Tally.granted(s, p).isEmpty() || !Tally.taken(s, p).isEmpty();
      }
      if (c instanceof CreateUser cu) {
        return cu.memberships().stream().anyMatch(m -> !p.among(m.roleNames()).isEmpty());
      }
    }
    return false;
  }

  /** A verdict that holds every change of the plan, for one reason that is not a guardrail. */
  public static Verdict holdAll(Plan plan, Reason reason, String likelyCause) {
    Set<String> held = new LinkedHashSet<>();
    plan.changes().forEach(c -> held.add(c.key()));
    Figures f = figures(plan, -1);
    return new Verdict(
        true,
        false,
        List.of(reason),
        likelyCause,
        removalsBySite(plan, false),
        held,
        f,
        Tally.ZERO,
        Window.none(0),
        false,
        List.of(),
        "",
        List.of());
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
      Plan plan,
      Figures f,
      List<String> headerChanges,
      List<String> formatChanges,
      List<String> vanished,
      List<Reason> reasons) {
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
          + " settings before approving.";
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
    if (has(reasons, Check.MAX_UPDATE_PERCENT)) {
      return people(f.updates(), "person")
          + " change name, email or status at once ("
          + pct(f.updatePercent())
          + " of managed accounts): check that the columns are not shifted and the email domain"
          + " did not change.";
    }
    for (Reason r : reasons) {
      if (!r.cause().isEmpty()) {
        return Character.toUpperCase(r.cause().charAt(0)) + r.cause().substring(1) + ".";
      }
    }
    return "";
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add("\"" + n + "\""));
    return String.join(", ", q);
  }

  private static boolean has(List<Reason> reasons, Check check) {
    return reasons.stream().anyMatch(r -> r.check() == check);
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
