package org.titansync.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.titansync.guard.Verdict;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;

/**
 * A plan and what the guardrails decided about it (stages guard, guard-undo, approve): what the
 * route records, holds, and hands to apply. Immutable. A held change never reaches apply: {@link
 * #phases} leaves it out.
 */
public record Judged(Planned planned, Verdict verdict) {

  /** A plan nothing judged (an export that changes nothing). */
  public static Judged unjudged(Planned planned) {
    return new Judged(planned, Verdict.none().withHolders(planned.holders()));
  }

  public Plan plan() {
    return planned.plan();
  }

  /** True when a guardrail holds some of the plan: the route sends the run to direct:held. */
  public boolean isHeld() {
    return verdict.held();
  }

  /** True when a guardrail holds this change back. */
  public boolean holds(Change change) {
    return verdict.heldKeys().contains(change.key());
  }

  /** True when a change of the plan is not held: what a run that writes applies. */
  public boolean isWork() {
    Set<String> held = verdict.heldKeys();
    for (Change c : plan().changes()) {
      if (!held.contains(c.key())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The plan's changes as the apply route consumes them: a list per phase (phase 0 first), each a
   * list of people, each with their changes in plan order. Held changes are left out.
   */
  public List<List<PersonWork>> phases() {
    Set<String> held = verdict.heldKeys();
    Map<Integer, Map<String, List<Change>>> byPhase = new LinkedHashMap<>();
    byPhase.put(0, new LinkedHashMap<>());
    byPhase.put(1, new LinkedHashMap<>());
    for (Change c : plan().changes()) {
      if (held.contains(c.key())) {
        continue;
      }
      byPhase
          .computeIfAbsent(c.phase(), k -> new LinkedHashMap<>())
          .computeIfAbsent(c.externalId(), k -> new ArrayList<>())
          .add(c);
    }
    List<List<PersonWork>> phases = new ArrayList<>();
    byPhase.forEach(
        (phase, people) -> {
          if (people.isEmpty()) {
            return;
          }
          List<PersonWork> work = new ArrayList<>();
          people.forEach((id, changes) -> work.add(new PersonWork(id, List.copyOf(changes))));
          phases.add(work);
        });
    return phases;
  }
}
