package org.titansync.guard;

import java.util.List;
import org.titansync.plan.Plan;

/**
 * What the harm checks judge: the plan, its changes as the guardrails count them, and the earlier
 * runs of the window that add to them.
 *
 * @param plan the plan judged
 * @param figures its numbers
 * @param tally its changes as the window counts them
 * @param window the earlier runs of the window (for a revert, without the run it undoes)
 * @param fromFile true when the plan was made from a file, false for a revert
 * @param holders see {@link RoleHolders#of}; empty when unknown
 * @param accounts see {@link PrivilegedAccounts#of}; none when unknown or for an undo
 * @param sitesLeft see {@link SiteLastHolder#of}; empty when unknown
 */
record HarmFacts(
    Plan plan,
    Figures figures,
    Tally tally,
    Window window,
    boolean fromFile,
    List<RoleHolders> holders,
    PrivilegedAccounts accounts,
    List<SiteLastHolder> sitesLeft) {

  HarmFacts {
    holders = List.copyOf(holders);
    sitesLeft = List.copyOf(sitesLeft);
  }

  /** The facts without the sites left without a privileged role's holder. */
  HarmFacts(
      Plan plan,
      Figures figures,
      Tally tally,
      Window window,
      boolean fromFile,
      List<RoleHolders> holders,
      PrivilegedAccounts accounts) {
    this(plan, figures, tally, window, fromFile, holders, accounts, List.of());
  }

  /** The facts without the accounts of privileged holders. */
  HarmFacts(
      Plan plan,
      Figures figures,
      Tally tally,
      Window window,
      boolean fromFile,
      List<RoleHolders> holders) {
    this(plan, figures, tally, window, fromFile, holders, PrivilegedAccounts.none());
  }

  /** The earlier runs' changes that count against the limits. */
  Tally earlier() {
    return window.counted();
  }

  /** A count and its percent of the accounts titan-sync manages. */
  Measure ofAccounts(int run, int earlier) {
    int now = figures.managedUsers();
    return Measure.of(run, earlier, now, window.managedUsers(now), window);
  }

  /** A count and its percent of the memberships titan-sync manages. */
  Measure ofMemberships(int run, int earlier) {
    int now = figures.managedMemberships();
    return Measure.of(run, earlier, now, window.managedMemberships(now), window);
  }

  /** A plain count, of no base. */
  Measure count(int run, int earlier) {
    return Measure.of(run, earlier, 0, 0, window);
  }
}
