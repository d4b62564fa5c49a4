package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;

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
 *   <li><b>hold_on_privileged_email_change</b>: an account that holds a privileged role gets
 *       another email, whatever the domain;
 *   <li><b>max_privileged_changes</b>: privileged roles granted or taken away;
 *   <li><b>hold_on_last_privileged_holder</b>: a privileged role some active account held in Titan
 *       has no holder after the plan;
 *   <li><b>site_last_holder_roles</b>: a site has no holder of a role it names after the plan (a
 *       site losing the last holder of another privileged role is a warning in the notes);
 *   <li><b>hold_on_look_alike_privileged_name</b>: a person gains a privileged role under a
 *       holder's name, or one that looks like it;
 *   <li><b>max_role_change_percent</b>: existing memberships whose roles change, as a percent of
 *       managed memberships;
 *   <li><b>max_creations</b> and <b>max_creation_percent</b>: new accounts, as a count and as a
 *       percent of managed accounts.
 * </ul>
 *
 * The counted checks add the earlier runs of the window ({@link Window}) to this plan's changes.
 * The first run (no last accepted file) skips the two comparisons with the last file only; the
 * first load (Titan has no managed account) skips the creation and privilege checks.
 *
 * <p>This class assembles the verdict; each family of checks has its own class ({@link FileChecks},
 * {@link RemovalChecks}, {@link ProfileChecks}, {@link PrivilegeChecks}, {@link RoleChangeCheck},
 * {@link CreationChecks}), {@link LikelyCause} words what most likely went wrong and {@link
 * HeldChanges} says which changes wait.
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
    return evaluate(plan, headers, format, last, window, holders, PrivilegedAccounts.none());
  }

  /**
   * Judges a plan made from a file, with all the run knows: how the file was read, the earlier runs
   * of the window, the holders of each privileged role and what the plan does to their accounts.
   *
   * @param accounts see {@link PrivilegedAccounts#of}; none when unknown
   */
  public Verdict evaluate(
      Plan plan,
      List<String> headers,
      FileFormat format,
      Optional<Baseline> last,
      Window window,
      List<RoleHolders> holders,
      PrivilegedAccounts accounts) {
    return evaluate(plan, headers, format, last, window, holders, accounts, List.of());
  }

  /**
   * Judges a plan made from a file with all the run knows, the sites it leaves without a holder of
   * a privileged role among it.
   *
   * @param sitesLeft see {@link SiteLastHolder#of}; empty when unknown
   */
  public Verdict evaluate(
      Plan plan,
      List<String> headers,
      FileFormat format,
      Optional<Baseline> last,
      Window window,
      List<RoleHolders> holders,
      PrivilegedAccounts accounts,
      List<SiteLastHolder> sitesLeft) {
    Figures figures = Figures.of(plan, last.map(Baseline::dataRows).orElse(-1));
    FileChecks file = FileChecks.of(limits, plan, headers, format, last);
    List<Reason> reasons = new ArrayList<>();
    file.check(limits, plan, figures, reasons);
    Tally tally = Tally.of(plan, limits.privileged(), c -> true);
    boolean firstLoad = plan.stats().managedUsers() == 0;
    HarmFacts facts =
        new HarmFacts(plan, figures, tally, window, true, holders, accounts, sitesLeft);
    List<String> notes = new ArrayList<>();
    if (firstLoad) {
      notes.add(firstLoadNote(plan));
    }
    harmChecks(facts, firstLoad, reasons, notes);
    String cause = LikelyCause.ofFile(plan, figures, file, reasons);
    return verdict(facts, reasons, cause, firstLoad, notes);
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
    return evaluateUndo(plan, holders, window, List.of());
  }

  /**
   * Judges a revert with the earlier runs of the window and the sites it leaves without a holder of
   * a privileged role.
   *
   * @param sitesLeft see {@link SiteLastHolder#of}; empty when unknown
   */
  public Verdict evaluateUndo(
      Plan plan, List<RoleHolders> holders, Window window, List<SiteLastHolder> sitesLeft) {
    Figures figures = Figures.of(plan, -1);
    Tally tally = Tally.of(plan, limits.privileged(), c -> true);
    List<Reason> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    // An undo sets back what its run changed: the account checks have nothing to judge in it.
    HarmFacts facts =
        new HarmFacts(
            plan, figures, tally, window, false, holders, PrivilegedAccounts.none(), sitesLeft);
    harmChecks(facts, false, reasons, notes);
    String cause = LikelyCause.ofUndo(figures, window, reasons);
    return verdict(facts, reasons, cause, false, notes);
  }

  /** A verdict that holds every change of the plan, for one reason that is not a guardrail. */
  public static Verdict holdAll(Plan plan, Reason reason, String likelyCause) {
    return new Verdict(
        true,
        false,
        List.of(reason),
        likelyCause,
        RemovalsBySite.of(plan, false),
        HeldChanges.all(plan),
        Figures.of(plan, -1),
        Tally.ZERO,
        Window.none(0),
        false,
        List.of(),
        "",
        List.of());
  }

  /**
   * The checks on what the plan changes, with the earlier runs of the window, in the order the
   * report lists them. A first load creates everyone: the creation and privilege checks do not hold
   * it.
   */
  private void harmChecks(
      HarmFacts facts, boolean firstLoad, List<Reason> reasons, List<String> notes) {
    RemovalChecks.check(limits, facts, reasons);
    ProfileChecks.check(limits, facts, reasons);
    AccountChecks.check(limits, facts.accounts(), reasons);
    if (firstLoad) {
      return;
    }
    PrivilegeChecks.check(limits, facts, reasons);
    SiteHolderCheck.check(limits, facts, reasons, notes);
    AccountChecks.checkNames(limits, facts.accounts(), reasons);
    RoleChangeCheck.check(limits, facts, reasons);
    CreationChecks.check(limits, facts, reasons);
  }

  private Verdict verdict(
      HarmFacts facts, List<Reason> reasons, String cause, boolean firstLoad, List<String> notes) {
    boolean held = !reasons.isEmpty();
    Plan plan = facts.plan();
    return new Verdict(
        held,
        held && limits.holdRemovalsOnly(),
        reasons,
        cause,
        RemovalsBySite.of(plan, facts.fromFile()),
        HeldChanges.of(plan, limits, reasons, facts.accounts()),
        facts.figures(),
        facts.tally(),
        facts.window(),
        firstLoad,
        notes,
        "",
        facts.holders());
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
        + " max_privileged_changes, hold_on_last_privileged_holder,"
        + " hold_on_look_alike_privileged_name, max_role_change_percent) do not hold it. "
        + (roles.isEmpty()
            ? "It grants no privileged role."
            : "It grants privileged roles: " + String.join(", ", roles) + ".")
        + " The limits that applied: max_removals = "
        + limits.maxRemovals()
        + ", max_removal_percent = "
        + Words.limit(limits.maxRemovalPercent())
        + ", max_update_percent = "
        + Words.limit(limits.maxUpdatePercent())
        + ", max_domain_move_percent = "
        + Words.limit(limits.maxDomainMovePercent())
        + (limits.holdOnVanishedSite() ? ", hold_on_vanished_site" : "")
        + ". A later run that finishes an interrupted first load is not a first load.";
  }

  // The words live in Words; these stay for the callers in the package that name them here
  // (GuardrailsTest among them).

  static String pct(double value) {
    return Words.pct(value);
  }

  static String limit(double value) {
    return Words.limit(value);
  }

  static String people(int n, String noun) {
    return Words.people(n, noun);
  }
}
