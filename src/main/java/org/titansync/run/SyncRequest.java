package org.titansync.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One run to make.
 *
 * @param file the export to read; for an approval, the held run's copy of it; for a revert, the
 *     audit log it plans from
 * @param dryRun plan and report only
 * @param trigger who asked: "cli", "daemon", "approve" or "revert"
 * @param purpose what the run is for (a sync, an approval, a revert)
 */
public record SyncRequest(Path file, boolean dryRun, String trigger, RunPurpose purpose) {

  public SyncRequest {
    Objects.requireNonNull(purpose, "purpose");
  }

  /** A sync of an export. */
  public SyncRequest(Path file, boolean dryRun, String trigger) {
    this(file, dryRun, trigger, new RunPurpose.Sync());
  }

  /** {@code approve RUN_ID}: plan the held run again and apply it within what was held. */
  public static SyncRequest approve(String heldRunId, Path plansFrom, boolean dryRun) {
    return new SyncRequest(plansFrom, dryRun, "approve", new RunPurpose.Approve(heldRunId));
  }

  /** {@code revert RUN_ID}: undo an applied run from the audit log. */
  public static SyncRequest revert(
      String runId, Path auditLog, boolean dryRun, boolean deleteCreated) {
    return new SyncRequest(auditLog, dryRun, "revert", new RunPurpose.Revert(runId, deleteCreated));
  }
}
