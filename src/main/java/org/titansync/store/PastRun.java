package org.titansync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.titansync.guard.ApprovalCeiling;
import org.titansync.run.KindCount;
import org.titansync.run.RunId;
import org.titansync.run.RunPurpose;
import org.titansync.run.SyncRequest;

/**
 * A finished (or interrupted) run as its folder records it: result.json, request.json, hold.json
 * and approval.json. What {@code approve}, {@code revert} and {@code runs} read.
 *
 * @param status result.json's status ("held", "applied", ...); null when the run has no result
 *     (still running, or killed)
 * @param counts result.json's counts per kind
 * @param trigger who asked for it; null when its request.json does not say (or says a word this
 *     version does not know)
 * @param purpose what the run was for
 * @param plansFrom what approving it plans from: a {@link RunPurpose.Sync} (the input.csv in its
 *     folder) or a {@link RunPurpose.Revert}
 * @param ceiling what approving it allows; null when it was not held
 * @param approval who approved it; null when nobody has
 * @param heldAgainst the Titan it was judged against (hold.json's {@code titan}); null when it was
 *     not held, or held by an earlier version that did not record it
 * @param discard who discarded it; null when nobody has
 */
public record PastRun(
    String runId,
    Path dir,
    String status,
    String startedAt,
    String input,
    boolean dryRun,
    String message,
    List<KindCount> counts,
    SyncRequest.Trigger trigger,
    RunPurpose purpose,
    RunPurpose plansFrom,
    ApprovalCeiling ceiling,
    Approval approval,
    String heldAgainst,
    Discard discard) {

  /** The run's records; empty when there is no folder for this id. */
  public static Optional<PastRun> load(StateFolder store, String runId) throws IOException {
    if (!RunId.isValid(runId)) {
      return Optional.empty();
    }
    Path dir = store.folder(runId);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Optional<ResultFile> result = ResultFile.read(store, dir);
    Optional<RequestFile> request = RequestFile.read(store, dir);
    Optional<HoldFile> hold = HoldFile.read(store, dir);
    return Optional.of(
        new PastRun(
            runId,
            dir,
            result.map(ResultFile::status).orElse(null),
            result.isPresent()
                ? result.get().startedAt()
                : request.map(RequestFile::startedAt).orElse(null),
            result.isPresent()
                ? result.get().input()
                : request.map(RequestFile::input).orElse(null),
            result.isPresent()
                ? result.get().dryRun()
                : request.map(RequestFile::dryRun).orElse(false),
            result.map(ResultFile::message).orElse(null),
            result.map(ResultFile::counts).map(List::copyOf).orElse(List.of()),
            request.map(RequestFile::trigger).orElse(null),
            request.map(RequestFile::runPurpose).orElse(new RunPurpose.Sync()),
            plansFrom(request.orElse(null)),
            hold.map(HoldFile::approvalCeiling).orElse(null),
            Approval.read(store, dir).orElse(null),
            hold.map(HoldFile::titan).orElse(null),
            Discard.read(store, dir).orElse(null)));
  }

  public boolean held() {
    return "held".equals(status);
  }

  /** Why this run cannot be approved; empty when it can. */
  public Optional<String> whyNotApprovable() {
    if (approval != null) {
      return Optional.of(
          "run "
              + runId
              + " was already approved by "
              + approval.describe()
              + "; an approval is used once: sync again to get a new plan");
    }
    if (discard != null) {
      return Optional.of(
          "run "
              + runId
              + " was discarded by "
              + discard.describe()
              + "; a discarded run is not approved: send the export again to get a new plan");
    }
    if (status == null) {
      return Optional.of("run " + runId + " has not finished (it has no result.json)");
    }
    if (!held()) {
      return Optional.of(
          "run " + runId + " was not held (it ended " + status + "): there is nothing to approve");
    }
    if (ceiling == null || plansFrom == null) {
      return Optional.of(
          "run " + runId + " has no " + HoldFile.FILE + ", so it cannot be approved");
    }
    return Optional.empty();
  }

  /** Changes this run wrote (done), from result.json. */
  public int done() {
    return sum(KindCount::done);
  }

  private int sum(ToIntFunction<KindCount> column) {
    return counts.stream().mapToInt(column).sum();
  }

  /** The file approving it plans from: the copy of the export in its folder. */
  public Path inputCopy() {
    return dir.resolve("input.csv");
  }

  /**
   * What approving the run plans from: a folder without request.json (an older version's) plans
   * from its file; a request.json without plans_from (the run stopped before it knew) from nothing.
   */
  private static RunPurpose plansFrom(RequestFile request) {
    if (request == null) {
      return new RunPurpose.Sync();
    }
    RequestFile.PlansFrom from = request.plansFrom();
    return from == null ? null : from.purpose();
  }
}
