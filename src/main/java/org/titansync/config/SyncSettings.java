package org.titansync.config;

import java.util.Objects;
import java.util.Set;
import org.titansync.config.SyncConfig.OnMissing;

/**
 * {@code [sync]}: what the planner may touch ({@link SyncConfig#sync()}).
 *
 * @param protectedEmails lower case
 * @param protectedRoles lower case
 * @param lockWaitSeconds how long a run waits for another run of the same setup to end (the lock in
 *     the logs folder) before it gives up with exit 6
 * @param minFreeMb a run writes to Titan only when the logs folder's disk has this many MB free (0:
 *     no check)
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
    boolean failOnRowErrors) {
  public SyncSettings {
    protectedEmails = SyncConfig.orderedCopy(protectedEmails);
    protectedExternalIds = SyncConfig.orderedCopy(protectedExternalIds);
    protectedRoles = SyncConfig.orderedCopy(protectedRoles);
    Objects.requireNonNull(onMissing, "onMissing");
  }
}
