package org.titansync.store;

import java.util.Map;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Tally;
import org.titansync.plan.Plan;
import org.titansync.run.ChangeOutcome;

/**
 * What a run wrote, as the guardrails' window counts it: every write that may have been made. A
 * write that was sent counts unless Titan answered that it refused it (a 4xx): an answer that was
 * lost (no answer, a 5xx, a run killed before the answer came) may hide a write that happened. The
 * one rule, for a run that ends (its outcomes) and for a run read back from the audit log.
 */
public final class WrittenTally {
  private WrittenTally() {}

  /** What a run that ends wrote, from the outcomes of its plan's changes. */
  public static Tally of(
      Plan plan, Map<String, ChangeOutcome> outcomes, PrivilegedRoles privileged) {
    return Tally.of(plan, privileged, c -> mayHaveBeenMade(outcomes.get(c.key())));
  }

  /** True when a change of a run that ends may have been made. */
  static boolean mayHaveBeenMade(ChangeOutcome outcome) {
    if (outcome == null) {
      return false;
    }
    return switch (outcome.state()) {
      case DONE -> true;
      case FAILED, SKIPPED -> outcome.attempts() > 0 && !refused(outcome.httpStatus());
      case PLANNED, HELD -> false;
    };
  }

  /**
   * True when a write read back from the audit log may have been made.
   *
   * @param sent the write has an intent
   * @param last its last outcome; null when it has none (the run was killed, or the answer lost)
   */
  static boolean mayHaveBeenMade(boolean sent, AuditEntry.Outcome last) {
    if (last != null && last.done()) {
      return true;
    }
    if (!sent) {
      return false; // an outcome without an intent, from before intents existed: not done
    }
    return last == null || !refused(last.httpStatus());
  }

  /** A 4xx answer: Titan refused the write (or did not take it, a 429), so it was not made. */
  private static boolean refused(int httpStatus) {
    return httpStatus >= 400 && httpStatus < 500;
  }
}
