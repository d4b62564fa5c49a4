package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.titansync.run.RunContext;
import org.titansync.run.RunPurpose;
import org.titansync.run.SyncRequest;

/**
 * request.json in a run folder: what the run was asked to do, and what approving it would plan
 * from. Written by stage record-request, read by {@link PastRun}.
 *
 * @param purpose "sync", "approve" or "revert" ({@link RunPurpose#id()})
 * @param input the export read; for an approval, the held run's copy; for a revert, the audit log
 * @param approves for an approval, the held run it approves
 * @param reverts for a revert, the run it undoes
 * @param deleteCreated for a revert, whether it also undoes the creations
 * @param plansFrom what approving this run would plan from; absent when the run stopped before that
 *     was known
 */
public record RequestFile(
    String runId,
    String startedAt,
    SyncRequest.Trigger trigger,
    String purpose,
    String input,
    boolean dryRun,
    @JsonInclude(JsonInclude.Include.NON_NULL) String approves,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reverts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleteCreated,
    @JsonInclude(JsonInclude.Include.NON_NULL) PlansFrom plansFrom) {

  public static final String FILE = "request.json";

  /**
   * What approving a run plans from.
   *
   * @param kind "file" (the copy of the export in the run folder) or "revert"
   * @param runId for a revert, the run it undoes
   * @param deleteCreated for a revert, whether it also undoes the creations
   */
  public record PlansFrom(
      String kind,
      @JsonInclude(JsonInclude.Include.NON_NULL) String runId,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleteCreated) {

    static PlansFrom of(RunPurpose from) {
      return from instanceof RunPurpose.Revert r
          ? new PlansFrom("revert", r.runId(), r.deleteCreated())
          : new PlansFrom("file", null, null);
    }

    RunPurpose purpose() {
      return "revert".equals(kind)
          ? new RunPurpose.Revert(runId, Boolean.TRUE.equals(deleteCreated))
          : new RunPurpose.Sync();
    }
  }

  /**
   * The request of a run in flight.
   *
   * @param plansFrom what approving it would plan from; null when that is not known
   */
  public static RequestFile of(RunContext ctx, RunPurpose plansFrom) {
    SyncRequest r = ctx.request();
    RunPurpose p = r.purpose();
    return new RequestFile(
        ctx.runId(),
        ctx.startedAt(),
        r.trigger(),
        p.id(),
        r.file().toString(),
        r.dryRun(),
        p instanceof RunPurpose.Approve a ? a.heldRunId() : null,
        p instanceof RunPurpose.Revert v ? v.runId() : null,
        p instanceof RunPurpose.Revert v ? v.deleteCreated() : null,
        plansFrom == null ? null : PlansFrom.of(plansFrom));
  }

  /** What the run was for. */
  RunPurpose runPurpose() {
    if ("approve".equals(purpose)) {
      return new RunPurpose.Approve(approves);
    }
    if ("revert".equals(purpose)) {
      return new RunPurpose.Revert(reverts, Boolean.TRUE.equals(deleteCreated));
    }
    return new RunPurpose.Sync();
  }

  public void write(StateFolder store, Path runDir) throws IOException {
    store.writeJson(runDir.resolve(FILE), this);
  }

  /** The run folder's request.json; empty when it has none. */
  static Optional<RequestFile> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), RequestFile.class);
  }
}
