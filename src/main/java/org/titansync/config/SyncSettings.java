package org.titansync.config;

import java.util.Objects;
import java.util.Set;
import org.titansync.config.SyncConfig.OnMissing;
import org.titansync.plan.MembershipScope;

/**
 * {@code [sync]}: what the planner may touch ({@link SyncConfig#sync()}).
 *
 * @param protectedEmails lower case
 * @param protectedRoles lower case
 * @param lockWaitSeconds how long a run waits for another run of the same setup to end (the lock in
 *     the logs folder) before it gives up with exit 6
 * @param minFreeMb a run writes to Titan only when the logs folder's disk has this many MB free (0:
 *     no check)
 * @param membershipScope what titan-sync may take away from a person who is in the file: only what
 *     it owns (the default), or whatever the file does not name
 * @param removeAfterMissingRuns a person missing from the file keeps everything until missing from
 *     this many runs in a row (1, the default: removed at once)
 * @param removeAfterMissingDays and for this many days since the first run that missed them (0, the
 *     default: no days)
 * @param updateEmailCase an email that differs from Titan's only in letter case is an update
 *     (default false)
 * @param failOnRowErrors a {@code sync} whose file had refused rows exits 2 once it has applied the
 *     rest, for jobs that must fail loudly ({@code --fail-on-row-errors})
 */
public record SyncSettings(
    boolean dryRun,
    boolean matchExistingByEmail,
    Set<String> protectedEmails,
    Set<String> protectedExternalIds,
    Set<String> protectedRoles,
    OnMissing onMissing,
    int lockWaitSeconds,
    int minFreeMb,
    MembershipScope membershipScope,
    int removeAfterMissingRuns,
    int removeAfterMissingDays,
    boolean updateEmailCase,
    boolean failOnRowErrors) {
  public SyncSettings {
    protectedEmails = SyncConfig.orderedCopy(protectedEmails);
    protectedExternalIds = SyncConfig.orderedCopy(protectedExternalIds);
    protectedRoles = SyncConfig.orderedCopy(protectedRoles);
    Objects.requireNonNull(onMissing, "onMissing");
    Objects.requireNonNull(membershipScope, "membershipScope");
  }

  /** The settings before ownership, the grace period and fail_on_row_errors: their defaults. */
  public SyncSettings(
      boolean dryRun,
      boolean matchExistingByEmail,
      Set<String> protectedEmails,
      Set<String> protectedExternalIds,
      Set<String> protectedRoles,
      OnMissing onMissing,
      int lockWaitSeconds,
      int minFreeMb) {
    this(
        dryRun,
        matchExistingByEmail,
        protectedEmails,
        protectedExternalIds,
        protectedRoles,
        onMissing,
        lockWaitSeconds,
        minFreeMb,
        MembershipScope.OWNED,
        1,
        0,
        false,
        false);
  }
}
