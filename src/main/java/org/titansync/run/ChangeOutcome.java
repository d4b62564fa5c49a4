package org.titansync.run;

import java.util.Locale;

/**
 * What became of one planned change.
 *
 * @param state what became of it; {@link State#PLANNED} in a dry run or when not reached
 * @param httpStatus the last HTTP status seen, 0 when none
 * @param attempts HTTP attempts made
 * @param error the API's message, or why it was skipped; null when done
 */
public record ChangeOutcome(State state, int httpStatus, int attempts, String error) {

  /** What became of a change, as reports, result.json, the mail and the audit log name it. */
  public enum State {
    /** Not sent: a dry run, or the apply did not reach it. */
    PLANNED,
    DONE,
    FAILED,
    /** Not sent, and why is in the outcome's error. */
    SKIPPED,
    /** A guardrail held it back; nothing was sent. */
    HELD;

    /** The word the files and reports use: "planned", "done", "failed", "skipped", "held". */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The state of a change that may have no outcome yet (then it is planned). */
  public static State stateOf(ChangeOutcome outcome) {
    return outcome == null ? State.PLANNED : outcome.state();
  }
}
