package org.titansync.plan;

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
 *   <li><b>email moves</b>: an address that a swap, a chain or a create needs is first released to
 *       {@code titansync-release-<userId>@release.invalid} in phase 0.
 *   <li><b>removal</b>: a site the person's rows no longer name loses the membership; a managed
 *       user gone from the file loses every membership (and, with on_missing = "deactivate", is set
 *       inactive). No user is ever deleted.
 *   <li><b>never touched</b>: protected emails and external_ids, hand-made accounts nobody links,
 *       memberships holding a protected role; tainted people (a bad row, an unknown site or role)
 *       lose nothing.
 * </ul>
 */
public final class Planner {

  /**
   * Plans one run.
   *
   * @param roster what the file wants
   * @param snapshot what Titan holds now
   * @param options the planner's settings
   * @return every change, in apply order, with the errors and conflicts found on the way
   */
  public Plan plan(Roster roster, Snapshot snapshot, PlanOptions options) {
    return new PlanningPass(roster, snapshot, options).plan();
  }
}
