package org.titansync.run;

/**
 * What approving a held run plans from again: its copy of the export, or the undo it was.
 *
 * @param file the export's copy in the held run's folder; null for an undo
 * @param undo the revert the held run was; null for an export
 */
public record PlanSource(RunInput file, RunPurpose.Revert undo) {
  /** True for the approval of a held undo. */
  public boolean againAnUndo() {
    return undo != null;
  }
}
