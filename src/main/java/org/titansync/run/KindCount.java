package org.titansync.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Plan;

/**
 * Counts of one kind of change in a run: what the run's message, result.json, the reports, the mail
 * and the metrics say it planned and did.
 *
 * @param held held back by a guardrail (not sent)
 */
public record KindCount(String kind, int planned, int done, int failed, int skipped, int held) {

  /** Per-kind counts of a run, in ChangeKind order, kinds with no change left out. */
  public static List<KindCount> of(RunSummary s) {
    return of(s.plan(), s.outcomes());
  }

  /**
   * Per-kind counts of a plan by what became of its changes, in ChangeKind order, kinds with no
   * change left out; none for a run without a plan.
   */
  public static List<KindCount> of(Plan plan, Map<String, ChangeOutcome> outcomes) {
    Map<ChangeKind, int[]> by = new LinkedHashMap<>();
    for (ChangeKind k : ChangeKind.values()) {
      by.put(k, new int[5]);
    }
    if (plan != null) {
      for (Change c : plan.changes()) {
        int[] n = by.get(c.kind());
        n[0]++;
        ChangeOutcome o = outcomes.get(c.key());
        switch (ChangeOutcome.stateOf(o)) {
          case DONE -> n[1]++;
          case FAILED -> n[2]++;
          case SKIPPED -> n[3]++;
          case HELD -> n[4]++;
          case PLANNED -> {}
        }
      }
    }
    List<KindCount> out = new ArrayList<>();
    by.forEach(
        (k, n) -> {
          if (n[0] > 0) {
            out.add(new KindCount(k.id(), n[0], n[1], n[2], n[3], n[4]));
          }
        });
    return out;
  }

  /** The row of the text report's summary table, padded to line up under its header. */
  public String textRow() {
    return String.format(
        Locale.ROOT, "%-22s %8d %8d %8d %8d", kind, planned, done, failed, skipped);
  }

  /** The held column of that row. */
  public String heldCell() {
    return String.format(Locale.ROOT, "%8d", held);
  }
}
