package org.titansync.plan;

import java.util.Map;
import java.util.Set;

/**
 * The planner's settings, taken from the config.
 *
 * @param siteAliases file site name (lower case) -> Titan site name
 * @param roleMap file role name (lower case) -> Titan role name
 * @param matchExistingByEmail link hand-made accounts with the same email (default true)
 * @param protectedEmails lower case; such users are never touched
 * @param protectedExternalIds such users are never touched
 * @param protectedRoles Titan role names (lower case); a user holding one at any site is never
 *     touched, like a protected email or external_id
 * @param deactivateMissing on_missing = "deactivate": people gone from the file are also set
 *     inactive
 */
public record PlanOptions(
    Map<String, String> siteAliases,
    Map<String, String> roleMap,
    boolean matchExistingByEmail,
    Set<String> protectedEmails,
    Set<String> protectedExternalIds,
    Set<String> protectedRoles,
    boolean deactivateMissing) {

  public static PlanOptions defaults() {
    return new PlanOptions(Map.of(), Map.of(), true, Set.of(), Set.of(), Set.of(), false);
  }
}
