package org.titansync.guard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guardrails' settings, taken from {@code [guardrails]} (docs/config.md, docs/operations.md).
 *
 * @param maxRemovals most removals (memberships taken away plus accounts deactivated) a run may
 *     make
 * @param maxRemovalPercent most removals as a percent of the memberships titan-sync manages
 * @param maxUpdatePercent most profile updates as a percent of the accounts titan-sync manages
 * @param minRowsPercentOfLast least rows, as a percent of the last accepted file's; 0 turns it off
 * @param holdOnVanishedSite hold when a site with managed members has nobody in the file
 * @param holdOnHeaderChange hold when the header means something else than the last accepted file's
 *     (a field read from another column)
 * @param holdRemovalsOnly hold_scope = "removals": the removals wait for approval, and so do the
 *     changes a tripped check counts (creations, updates and parked emails, role changes,
 *     privileged grants); the rest goes ahead
 * @param privileged which roles are privileged
 * @param maxPrivilegedChanges most privileged roles granted plus taken away
 * @param maxRoleChangePercent most existing memberships whose roles change, as a percent of the
 *     memberships titan-sync manages
 * @param maxCreations most new accounts
 * @param maxCreationPercent most new accounts as a percent of the accounts titan-sync manages
 * @param maxDomainMovePercent most email moves to another domain as a percent of managed accounts
 * @param windowHours the window over which runs add up; 0 looks at each run alone
 * @param columnAliases {@code [csv.columns]}: field -> extra header names, for the header check
 * @param holdOnLastPrivilegedHolder hold when a privileged role that an active account held in
 *     Titan has no holder left after the plan
 * @param holdOnPrivilegedEmailChange hold when an account that holds a privileged role in Titan
 *     gets another email, whatever the domain
 * @param holdOnLookAlikePrivilegedName hold when a person gains a privileged role under the name of
 *     someone who holds one, or a name that looks like it
 * @param siteLastHolderRoles role names (lower case) whose last holder at a site may not go without
 *     a hold; a site losing the last holder of another privileged role is a warning
 */
public record Limits(
    int maxRemovals,
    double maxRemovalPercent,
    double maxUpdatePercent,
    double minRowsPercentOfLast,
    boolean holdOnVanishedSite,
    boolean holdOnHeaderChange,
    boolean holdRemovalsOnly,
    PrivilegedRoles privileged,
    int maxPrivilegedChanges,
    double maxRoleChangePercent,
    int maxCreations,
    double maxCreationPercent,
    double maxDomainMovePercent,
    int windowHours,
    Map<String, List<String>> columnAliases,
    boolean holdOnLastPrivilegedHolder,
    boolean holdOnPrivilegedEmailChange,
    boolean holdOnLookAlikePrivilegedName,
    Set<String> siteLastHolderRoles) {

  public static final int DEFAULT_MAX_PRIVILEGED_CHANGES = 5;
  public static final double DEFAULT_MAX_ROLE_CHANGE_PERCENT = 20;
  public static final int DEFAULT_MAX_CREATIONS = 100;
  public static final double DEFAULT_MAX_CREATION_PERCENT = 50;
  public static final double DEFAULT_MAX_DOMAIN_MOVE_PERCENT = 5;
  public static final int DEFAULT_WINDOW_HOURS = 24;

  public Limits {
    columnAliases = Map.copyOf(columnAliases);
    Set<String> lower = new TreeSet<>();
    siteLastHolderRoles.forEach(r -> lower.add(r.strip().toLowerCase(Locale.ROOT)));
    siteLastHolderRoles = Set.copyOf(lower);
  }

  /** True when a site losing the last holder of this role holds the run. */
  public boolean holdsSiteLastHolder(String roleName) {
    return siteLastHolderRoles.contains(roleName.strip().toLowerCase(Locale.ROOT));
  }
}
