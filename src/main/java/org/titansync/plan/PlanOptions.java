package org.titansync.plan;

import java.util.Map;
import java.util.Objects;
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
 * @param membershipScope sync.membership_scope: what titan-sync may take away from a person who is
 *     in the file
 * @param grace sync.remove_after_missing_runs and _days: how long a person missing from the file
 *     keeps everything
 * @param updateEmailCase sync.update_email_case: an email that differs from Titan's only in letter
 *     case is an update (default false: Titan's spelling stays)
 */
public record PlanOptions(
    Map<String, String> siteAliases,
    Map<String, String> roleMap,
    boolean matchExistingByEmail,
    Set<String> protectedEmails,
    Set<String> protectedExternalIds,
    Set<String> protectedRoles,
    boolean deactivateMissing,
    MembershipScope membershipScope,
    Grace grace,
    boolean updateEmailCase) {

  public PlanOptions {
    Objects.requireNonNull(membershipScope, "membershipScope");
    Objects.requireNonNull(grace, "grace");
  }

  /**
   * The settings of the rules before ownership, grace and the email case existed: the file is the
   * whole truth for the people it names ({@link MembershipScope#ALL}), people gone from it lose
   * everything at once, and a change of letter case in an email is an update.
   */
  public PlanOptions(
      Map<String, String> siteAliases,
      Map<String, String> roleMap,
      boolean matchExistingByEmail,
      Set<String> protectedEmails,
      Set<String> protectedExternalIds,
      Set<String> protectedRoles,
      boolean deactivateMissing) {
    this(
        siteAliases,
        roleMap,
        matchExistingByEmail,
        protectedEmails,
        protectedExternalIds,
        protectedRoles,
        deactivateMissing,
        MembershipScope.ALL,
        Grace.NONE,
        true);
  }

  /** The config's defaults: owned memberships only, no grace, letter case alone is no update. */
  public static PlanOptions defaults() {
    return new PlanOptions(
        Map.of(),
        Map.of(),
        true,
        Set.of(),
        Set.of(),
        Set.of(),
        false,
        MembershipScope.OWNED,
        Grace.NONE,
        false);
  }

  /** The same settings under another membership scope. */
  public PlanOptions withScope(MembershipScope scope) {
    return new PlanOptions(
        siteAliases,
        roleMap,
        matchExistingByEmail,
        protectedEmails,
        protectedExternalIds,
        protectedRoles,
        deactivateMissing,
        scope,
        grace,
        updateEmailCase);
  }

  /** The same settings with another grace period. */
  public PlanOptions withGrace(Grace g) {
    return new PlanOptions(
        siteAliases,
        roleMap,
        matchExistingByEmail,
        protectedEmails,
        protectedExternalIds,
        protectedRoles,
        deactivateMissing,
        membershipScope,
        g,
        updateEmailCase);
  }

  /** The same settings with the email case rule set. */
  public PlanOptions withUpdateEmailCase(boolean on) {
    return new PlanOptions(
        siteAliases,
        roleMap,
        matchExistingByEmail,
        protectedEmails,
        protectedExternalIds,
        protectedRoles,
        deactivateMissing,
        membershipScope,
        grace,
        on);
  }
}
