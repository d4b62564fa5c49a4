package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import org.titansync.plan.Plan;

/**
 * The window's memory (the runs that wrote to Titan in the last window_hours) cannot be read: the
 * counted checks cannot be trusted, so every change of the plan waits, whatever {@code hold_scope}
 * says, until the memory is repaired. Failing closed: a damaged or removed memory must never open
 * the limits.
 */
public final class UnreadableWindow {
  private UnreadableWindow() {}

  /**
   * The verdict on the plan judged alone, holding every change for one more reason first.
   *
   * @param judged the verdict on the plan with an empty window
   * @param why what cannot be read and how to repair it, a full sentence
   */
  public static Verdict hold(Verdict judged, Plan plan, String why) {
    return hold(
        judged,
        plan,
        new Reason(Check.WINDOW_UNREADABLE, why),
        "The guardrails cannot tell what earlier runs changed: their memory cannot be read."
            + " Nothing is written until it is repaired.");
  }

  /**
   * The same for titan-sync's memory of its Titan (what it owns there, who is missing): without it,
   * the plan cannot tell what was made by hand.
   *
   * @param why what cannot be read and how to repair it, a full sentence
   */
  public static Verdict holdMemory(Verdict judged, Plan plan, String why) {
    return hold(
        judged,
        plan,
        new Reason(Check.MEMORY_UNREADABLE, why),
        "titan-sync cannot tell what it owns in Titan: its memory cannot be read. Nothing is"
            + " written until it is repaired.");
  }

  private static Verdict hold(Verdict judged, Plan plan, Reason first, String summary) {
    List<Reason> reasons = new ArrayList<>();
    reasons.add(first);
    reasons.addAll(judged.reasons());
    return new Verdict(
        true,
        false,
        reasons,
        summary,
        judged.removalsBySite(),
        HeldChanges.all(plan),
        judged.figures(),
        judged.tally(),
        judged.window(),
        judged.firstLoad(),
        judged.notes(),
        judged.approveCommand(),
        judged.holders());
  }
}
