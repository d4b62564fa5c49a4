package org.titansync.guard;

/**
 * One run that wrote to Titan, as the window ledger keeps it.
 *
 * @param runId the run
 * @param finishedAt when it finished, in seconds since the epoch
 * @param excused why its changes do not count against the limits: {@code "approved"} (a person
 *     approved exactly these), {@code "first_load"}, or empty when they count
 * @param tally what it changed (the changes done, not those planned)
 * @param managedUsers accounts titan-sync managed when the run read Titan
 * @param managedMemberships memberships titan-sync managed when the run read Titan
 */
public record WindowEntry(
    String runId,
    long finishedAt,
    String excused,
    Tally tally,
    int managedUsers,
    int managedMemberships) {

  public WindowEntry {
    excused = excused == null ? "" : excused;
  }

  /** True when an approval or the first load covers its changes. */
  public boolean covered() {
    return !excused.isEmpty();
  }
}
