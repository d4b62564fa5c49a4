package org.titansync.run;

/**
 * What became of one planned change.
 *
 * @param state "planned" (dry-run or not reached), "done", "failed", "skipped" or "held" (a
 *     guardrail held it back; nothing was sent)
 * @param httpStatus the last HTTP status seen, 0 when none
 * @param attempts HTTP attempts made
 * @param error the API's message, or why it was skipped; null when done
 */
public record ChangeOutcome(String state, int httpStatus, int attempts, String error) {
  public static final String PLANNED = "planned";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";
  public static final String HELD = "held";
}
