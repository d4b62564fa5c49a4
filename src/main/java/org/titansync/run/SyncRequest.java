package org.titansync.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One run to make.
 *
 * @param file the export to read; for an approval, the held run's copy of it; for a revert, the
 *     audit log it plans from
 * @param dryRun plan and report only
 * @param trigger who asked
 * @param purpose what the run is for (a sync, an approval, a revert)
 * @param folder the folder the export must sit in directly, checked each time the run opens it (the
 *     daemon's inbox, see {@link ExportFile}); null for a path given by hand
 * @param readAhead for the one-shot sync, the reads of the export and of Titan it started before
 *     Camel started (docs/architecture.md); null to have the run make them
 */
public record SyncRequest(
    Path file,
    boolean dryRun,
    Trigger trigger,
    RunPurpose purpose,
    Path folder,
    PlanningInput readAhead) {

  /** Who asked for a run, as request.json says it: "cli", "daemon", "approve" or "revert". */
  public enum Trigger {
    /** {@code sync FILE}. */
    CLI,
    /** The daemon's inbox. */
    DAEMON,
    /** {@code approve RUN_ID}. */
    APPROVE,
    /** {@code revert RUN_ID}. */
    REVERT;

    /** The word request.json uses. */
    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The trigger a word names; null for a word this version does not know. */
    @JsonCreator
    public static Trigger of(String id) {
      for (Trigger t : values()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
      return null;
    }
  }

  public SyncRequest {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(trigger, "trigger");
  }

  /** A sync of an export given by hand. */
  public static SyncRequest sync(Path file, boolean dryRun, Trigger trigger) {
    return new SyncRequest(file, dryRun, trigger, new RunPurpose.Sync(), null, null);
  }

  /**
   * The daemon's sync of one inbox entry, {@code entry} as the inbox's listing gave it: the run
   * opens that entry, and only while it sits directly in {@code inbox}.
   */
  public static SyncRequest fromInbox(Path inbox, Path entry, boolean dryRun) {
    return new SyncRequest(entry, dryRun, Trigger.DAEMON, new RunPurpose.Sync(), inbox, null);
  }

  /** The export as the run opens it. */
  public ExportFile export() {
    return new ExportFile(file, folder);
  }

  /** The same request with the reads its caller started ahead of the run. */
  public SyncRequest withReadAhead(PlanningInput reads) {
    return new SyncRequest(file, dryRun, trigger, purpose, folder, reads);
  }

  /** What a sync reads its roster from: the export, opened as {@link #export} says. */
  public RunInput input() {
    return new RunInput.Export(export());
  }

  /** {@code approve RUN_ID}: plan the held run again and apply it within what was held. */
  public static SyncRequest approve(String heldRunId, Path plansFrom, boolean dryRun) {
    return approve(new RunPurpose.Approve(heldRunId), plansFrom, dryRun);
  }

  /** {@code approve RUN_ID --by NAME --comment TEXT}. */
  public static SyncRequest approve(RunPurpose.Approve approve, Path plansFrom, boolean dryRun) {
    return new SyncRequest(plansFrom, dryRun, Trigger.APPROVE, approve, null, null);
  }

  /** {@code revert RUN_ID}: undo an applied run from the audit log. */
  public static SyncRequest revert(
      String runId, Path auditLog, boolean dryRun, boolean deleteCreated) {
    return new SyncRequest(
        auditLog, dryRun, Trigger.REVERT, new RunPurpose.Revert(runId, deleteCreated), null, null);
  }
}
