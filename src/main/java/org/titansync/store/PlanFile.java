package org.titansync.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.titansync.plan.Change;
import org.titansync.plan.Conflict;
import org.titansync.plan.PlanStats;
import org.titansync.roster.RowError;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;

/**
 * plan.json in a run folder: every change of the plan with the person and its values before and
 * after, what a dry run shows and apply executes. Written by stage record-plan; read by tests and
 * tools (titan-sync plans again rather than trusting a file others can edit).
 *
 * @param input the export as the run shows its name
 * @param counts what the plan changes, per kind
 * @param rowErrors rows of the file refused
 * @param conflicts people the plan could not place
 * @param names external_id -> "First Last" of the people the plan names, so that explain finds by
 *     name those who left the file too (absent in plans of earlier versions)
 */
public record PlanFile(
    String runId,
    String input,
    List<KindCount> counts,
    List<ChangeView> changes,
    List<RowError> rowErrors,
    List<Conflict> conflicts,
    PlanStats stats,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, String> names) {

  public PlanFile {
    changes = changes == null ? List.of() : changes;
    rowErrors = rowErrors == null ? List.of() : rowErrors;
    conflicts = conflicts == null ? List.of() : conflicts;
    names = names == null ? Map.of() : names;
  }

  public static final String FILE = "plan.json";

  /** The plan of a run as its summary has it; empty when the run stopped before planning. */
  public static Optional<PlanFile> of(RunSummary s) {
    if (s.plan() == null) {
      return Optional.empty();
    }
    List<ChangeView> changes = new ArrayList<>(s.plan().changes().size());
    for (Change c : s.plan().changes()) {
      changes.add(ChangeView.of(c));
    }
    return Optional.of(
        new PlanFile(
            s.runId(),
            s.inputFile(),
            KindCount.of(s),
            changes,
            s.plan().errors(),
            s.plan().conflicts(),
            s.plan().stats(),
            new java.util.TreeMap<>(s.plan().names())));
  }

  public void write(StateFolder store, Path runDir) throws IOException {
    store.writeJson(runDir.resolve(FILE), this);
  }

  /** The run folder's plan.json; empty when it has none (the run stopped before planning). */
  public static Optional<PlanFile> read(Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), PlanFile.class);
  }
}
