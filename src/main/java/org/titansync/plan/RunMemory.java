package org.titansync.plan;

import java.time.Instant;
import java.util.Map;

/**
 * What the planner needs from earlier runs against the same Titan, and this run's own mark: the
 * shell reads the first two from its records and hands them in, so that the planner stays pure.
 *
 * @param ownership what titan-sync owns there
 * @param missing external_id -> how long that person has been missing from the file
 * @param runId this run, the one a newly missing person is missing since
 * @param now when this run started, the clock the grace period's days are judged by
 */
public record RunMemory(
    Ownership ownership, Map<String, Missing> missing, String runId, Instant now) {

  /** A run with no memory: the first against its Titan, nobody missing before. */
  public static RunMemory none() {
    return new RunMemory(Ownership.atFirstRun(), Map.of(), "", Instant.EPOCH);
  }
}
