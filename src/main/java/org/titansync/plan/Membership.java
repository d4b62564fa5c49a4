package org.titansync.plan;

import java.util.List;

/**
 * Roles at one site, with the names alongside the ids for reports.
 *
 * @param roleIds sorted
 * @param roleNames in the same order as roleIds
 */
public record Membership(
    String siteId, String siteName, List<String> roleIds, List<String> roleNames) {}
