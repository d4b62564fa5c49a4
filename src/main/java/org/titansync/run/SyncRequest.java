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
 * @param inputs for a sync, the reads of the file and of Titan when the caller already started them
 *     (see {@link Inputs}); null to have the run start them
 */
public record SyncRequest(
    Path file, boolean dryRun, String trigger, RunPurpose purpose, Inputs inputs) {

  public SyncRequest {
    Objects.requireNonNull(purpose, "purpose");
  }

  /** A sync of an export. */
  public SyncRequest(Path file, boolean dryRun, String trigger) {
    this(file, dryRun, trigger, new RunPurpose.Sync(), null);
  }

  /** A sync of an export whose reads the caller already started. */
  public SyncRequest(Path file, boolean dryRun, String trigger, Inputs inputs) {
    this(file, dryRun, trigger, new RunPurpose.Sync(), inputs);
  }

  public SyncRequest(Path file, boolean dryRun, String trigger, RunPurpose purpose) {
    this(file, dryRun, trigger, purpose, null);
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
