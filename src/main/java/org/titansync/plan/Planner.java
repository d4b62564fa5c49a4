package org.titansync.plan;

import java.util.List;
import org.titansync.roster.Roster;

/**
 * Compares what the file wants with what Titan holds and lists the writes that close the gap.
 *
 * <p>Pure and deterministic: no I/O, no clock, no randomness; the same roster, snapshot and options
 * give an equal {@link Plan} with the changes in the same order. Every lookup goes through a hash
 * map, so the cost grows with the number of people and memberships, never with their product.
 *
 * <p>The rules, in the words the docs use:
 *
 * <ul>
 *   <li><b>matching</b>: a file person is the Titan user with the same external_id; else, with
 *       match_existing_by_email, the hand-made account (no external_id) with the same email is
 *       linked; an email held by a user with another external_id is a conflict, unless that user
 *       moves to another address in the same plan (an email move).
 *   <li><b>look-alike addresses</b>: an address the plan would set (a new person's or a changed
 *       one) that looks like another user's, or mixes scripts, is a row error: that person is left
 *       as Titan has them.
 *   <li><b>email moves</b>: an address that a swap, a chain or a create needs is first released to
 *       {@code titansync-release-<userId>@release.invalid} in phase 0.
 *   <li><b>removal</b>: a site the person's rows no longer name loses the membership (under
 *       membership_scope = "owned", only the roles titan-sync owns there: what it granted, what a
 *       file named, what it took over at its first run against the Titan); a managed user gone from
 *       the file loses every membership, whoever granted it (and, with on_missing = "deactivate",
 *       is set inactive), once the grace period is over. No user is ever deleted.
 *   <li><b>never touched</b>: people protected by email, external_id or a protected role held at
 *       any site (no change of any kind, in every on_missing mode), hand-made accounts nobody
 *       links; tainted people (a bad row, an unknown site or role) lose nothing.
 * </ul>
 */
public final class Planner {

  /**
   * Plans one run with {@link Confusables#NONE}: nothing is taken for a look-alike, as the first
   * run against its Titan ({@link RunMemory#none()}). For tests of the other rules; a run plans
   * with {@link #prepare}, which takes the real one, and its memory.
   *
   * @param roster what the file wants
   * @param snapshot what Titan holds now
   * @param options the planner's settings
   * @return every change, in apply order, with the errors and conflicts found on the way
   */
  public Plan plan(Roster roster, Snapshot snapshot, PlanOptions options) {
    return plan(roster, snapshot, options, Confusables.NONE);
  }

  /**
   * Plans one run, judging the addresses it would set against look-alikes.
   *
   * @param confusables what looks alike; a run hands in ICU's ({@code run.IcuConfusables})
   */
  public Plan plan(Roster roster, Snapshot snapshot, PlanOptions options, Confusables confusables) {
    return plan(roster, snapshot, options, confusables, RunMemory.none());
  }

  /**
   * Plans one run with what earlier runs against the same Titan left.
   *
   * @param memory what titan-sync owns there and who is missing since when, with this run's id and
   *     time
   */
  public Plan plan(
      Roster roster,
      Snapshot snapshot,
      PlanOptions options,
      Confusables confusables,
      RunMemory memory) {
    return prepare(roster, snapshot.sites(), snapshot.roles(), options, confusables)
        .plan(snapshot, UserIndex.of(snapshot.users()), memory);
  }

  /**
   * The same plan in two halves, so that the first can run while Titan's users are still being
   * read: this half needs only the file and Titan's sites and roles.
   *
   * @param confusables what looks alike, for the addresses the plan would set
   */
  public static Prepared prepare(
      Roster roster,
      List<TitanSite> sites,
      List<TitanRole> roles,
      PlanOptions options,
      Confusables confusables) {
    return new Prepared(new PlanningPass(roster, sites, roles, options, confusables), sites, roles);
  }

  /** A plan's first half: the file's people with their sites and roles resolved. Plans once. */
  public static final class Prepared {
    private final PlanningPass pass;
    private final List<TitanSite> sites;
    private final List<TitanRole> roles;

    private Prepared(PlanningPass pass, List<TitanSite> sites, List<TitanRole> roles) {
      this.pass = pass;
      this.sites = sites;
      this.roles = roles;
    }

    /**
     * The second half, as the first run against a Titan: the same plan {@link Planner#plan} makes.
     *
     * @param snapshot the snapshot whose sites and roles this was prepared with
     * @param users {@code snapshot.users()}, indexed
     */
    public Plan plan(Snapshot snapshot, UserIndex users) {
      return plan(snapshot, users, RunMemory.none());
    }

    /**
     * The second half, with what earlier runs against the same Titan left.
     *
     * @param snapshot the snapshot whose sites and roles this was prepared with
     * @param users {@code snapshot.users()}, indexed
     * @param memory what titan-sync owns there, who is missing since when; this run's id and time
     */
    public Plan plan(Snapshot snapshot, UserIndex users, RunMemory memory) {
      if (!snapshot.sites().equals(sites)
          || !snapshot.roles().equals(roles)
          || users.size() != snapshot.users().size()) {
        throw new IllegalArgumentException("prepared with other sites, roles or users");
      }
      return pass.plan(snapshot, users, memory);
    }
  }
}
