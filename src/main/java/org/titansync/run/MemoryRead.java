package org.titansync.run;

import java.time.Instant;
import java.util.Map;
import org.titansync.plan.Missing;
import org.titansync.plan.Ownership;
import org.titansync.plan.RunMemory;

/**
 * What reading titan-sync's memory of the run's Titan gave (stage read-memory, beside the reads of
 * the export and Titan; stage plan-revert): what it owns there and who is missing since when, or
 * why that could not be read. A memory that cannot be read is never taken as "nothing owned": the
 * plan is made as if nothing were owned and nobody missing before, and the guardrails hold the run
 * whole ({@code unreadable} set).
 *
 * @param ownership what titan-sync owns there
 * @param missing external_id -> how long that person has been missing from the file
 * @param asStored the memory's file says exactly this (no run killed mid-way added to it, not
 *     rebuilt from the audit log): a run that changes none of it need not write it again
 * @param unreadable why the memory could not be read; null when it was read
 */
public record MemoryRead(
    Ownership ownership, Map<String, Missing> missing, boolean asStored, String unreadable) {

  public static MemoryRead of(Ownership ownership, Map<String, Missing> missing, boolean asStored) {
    return new MemoryRead(ownership, Map.copyOf(missing), asStored, null);
  }

  /** The memory could not be read: planned as if nothing were owned, and held whole. */
  public static MemoryRead unreadable(String why) {
    return new MemoryRead(Ownership.of(Map.of()), Map.of(), false, why);
  }

  /** True when the memory was read: the run may record what it changes in it. */
  public boolean readable() {
    return unreadable == null;
  }

  /**
   * What the planner is given: this memory, with the run that plans from it.
   *
   * @param runId the run a newly missing person is missing since
   * @param now when the run started, the clock the grace period's days are judged by
   */
  public RunMemory forRun(String runId, Instant now) {
    return new RunMemory(ownership, missing, runId, now);
  }

  /**
   * True when a run that ends with {@code missingAfter} and changed no ownership leaves the memory
   * as its file already says it: nothing to write again.
   */
  public boolean unchangedBy(Iterable<Missing> missingAfter) {
    if (!asStored || !readable()) {
      return false;
    }
    int count = 0;
    for (Missing m : missingAfter) {
      if (!m.equals(missing.get(m.externalId()))) {
        return false;
      }
      count++;
    }
    return count == missing.size();
  }
}
