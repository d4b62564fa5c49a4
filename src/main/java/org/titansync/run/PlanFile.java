package org.titansync.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.titansync.plan.Conflict;
import org.titansync.roster.RowError;

/**
 * plan.json of a run folder as {@code explain} reads it back: the changes as the reports described
 * them, the rows refused and the people the plan would not touch. Fields a later version adds are
 * passed over.
 *
 * @param changes each change's view ({@code key}, {@code kind}, {@code external_id}, {@code email},
 *     {@code site}, {@code before}, {@code after}), as written
 * @param names external_id -> "First Last" of the people the plan names (absent before this
 *     version)
 */
public record PlanFile(
    List<Map<String, Object>> changes,
    List<RowError> rowErrors,
    List<Conflict> conflicts,
    Map<String, String> names) {

  static final String FILE = "plan.json";

  public PlanFile {
    changes = changes == null ? List.of() : changes;
    rowErrors = rowErrors == null ? List.of() : rowErrors;
    conflicts = conflicts == null ? List.of() : conflicts;
    names = names == null ? Map.of() : names;
  }

  /** The run folder's plan.json; empty when the run stopped before it had a plan. */
  public static Optional<PlanFile> read(RunStore store, Path runDir) throws IOException {
    return store.readJson(runDir.resolve(FILE), PlanFile.class);
  }

  /** A change's field as text; empty when absent. */
  public static String text(Map<String, Object> change, String field) {
    Object v = change.get(field);
    return v == null ? "" : v.toString();
  }
}
