package org.titansync.guard;

/**
 * The guardrails' settings, taken from {@code [guardrails]} (docs/config.md, docs/operations.md).
 *
 * @param maxRemovals most removals (memberships taken away plus accounts deactivated) a run may
 *     make
 * @param maxRemovalPercent most removals as a percent of the memberships titan-sync manages
 * @param maxUpdatePercent most profile updates as a percent of the accounts titan-sync manages
 * @param minRowsPercentOfLast least rows, as a percent of the last accepted file's; 0 turns it off
 * @param holdOnVanishedSite hold when a site with managed members has nobody in the file
 * @param holdOnHeaderChange hold when the header set differs from the last accepted file's
 * @param holdRemovalsOnly hold_scope = "removals": creations go ahead, only the removals (and, when
 *     max_update_percent tripped, the updates) wait for approval
 */
public record Limits(
    int maxRemovals,
    double maxRemovalPercent,
    double maxUpdatePercent,
    double minRowsPercentOfLast,
    boolean holdOnVanishedSite,
    boolean holdOnHeaderChange,
    boolean holdRemovalsOnly) {}
