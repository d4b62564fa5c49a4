package org.titansync.run;

import org.titansync.plan.RunMemory;

/**
 * What reading titan-sync's memory of the run's Titan gave the plan (stages plan, plan-revert):
 * what it owns there and who is missing since when, or why that could not be read. A memory that
 * cannot be read is never taken as "nothing owned": the plan is made as if nothing were owned and
 * nobody missing before, and the guardrails hold the run whole ({@code unreadable} set).
 *
 * @param memory what the plan was made with
 * @param unreadable why the memory could not be read; null when it was read
 */
public record MemoryRead(RunMemory memory, String unreadable) {

  public static MemoryRead of(RunMemory memory) {
    return new MemoryRead(memory, null);
  }

  /** True when the memory was read: the run may record what it changes in it. */
  public boolean readable() {
    return unreadable == null;
  }
}
