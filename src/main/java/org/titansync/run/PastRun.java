package org.titansync.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.titansync.guard.ApprovalCeiling;

/**
 * A finished (or interrupted) run as its folder records it: result.json, request.json, hold.json
 * and approval.json. What {@code approve}, {@code revert} and {@code runs} read.
 *
 * @param status result.json's status ("held", "applied", ...); null when the run has no result
 *     (still running, or killed)
 * @param counts result.json's counts per kind (kind, planned, done, failed, skipped, held)
 * @param purpose what the run was for
 * @param plansFrom what approving it plans from: a {@link RunPurpose.Sync} (the input.csv in its
 *     folder) or a {@link RunPurpose.Revert}
 * @param ceiling what approving it allows; null when it was not held
 * @param approval who approved it; null when nobody has
 */
public record PastRun(
    String runId,
    Path dir,
    String status,
    String startedAt,
    String input,
    boolean dryRun,
    String message,
    List<Map<String, Object>> counts,
    String trigger,
    RunPurpose purpose,
    RunPurpose plansFrom,
    ApprovalCeiling ceiling,
    Approval approval) {

  static final String REQUEST_FILE = "request.json";
  static final String HOLD_FILE = "hold.json";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The run's records; empty when there is no folder for this id. */
  public static Optional<PastRun> load(RunStore store, String runId) throws IOException {
    if (!RunId.isValid(runId)) {
      return Optional.empty();
    }
    Path dir = store.folder(runId);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Map<String, Object> result = read(store, dir.resolve("result.json"));
    Map<String, Object> request = read(store, dir.resolve(REQUEST_FILE));
    Map<String, Object> hold = read(store, dir.resolve(HOLD_FILE));
    List<Map<String, Object>> counts = new ArrayList<>();
    if (result.get("counts") instanceof List<?> list) {
      for (Object o : list) {
        counts.add(store.json().convertValue(o, MAP));
      }
    }
    ApprovalCeiling ceiling = null;
    if (hold.get("ceiling") != null) {
      List<ApprovalCeiling.Entry> entries = new ArrayList<>();
      for (Object o : (List<?>) hold.get("ceiling")) {
        entries.add(store.json().convertValue(o, ApprovalCeiling.Entry.class));
      }
      ceiling = new ApprovalCeiling(entries);
    }
    return Optional.of(
        new PastRun(
            runId,
            dir,
            (String) result.get("status"),
            (String) result.getOrDefault("started_at", request.get("started_at")),
            (String) result.getOrDefault("input", request.get("input")),
            Boolean.TRUE.equals(result.getOrDefault("dry_run", request.get("dry_run"))),
            (String) result.get("message"),
            List.copyOf(counts),
            (String) request.getOrDefault("trigger", ""),
            purpose(request),
            plansFrom(request),
            ceiling,
            Approval.read(store, dir).orElse(null)));
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
    if (status == null) {
      return Optional.of("run " + runId + " has not finished (it has no result.json)");
    }
    if (!held()) {
      return Optional.of(
          "run " + runId + " was not held (it ended " + status + "): there is nothing to approve");
    }
    if (ceiling == null || plansFrom == null) {
      return Optional.of("run " + runId + " has no " + HOLD_FILE + ", so it cannot be approved");
    }
    return Optional.empty();
  }

  /** Changes this run wrote (done), from result.json. */
  public int done() {
    return sum("done");
  }

  /** Changes a guardrail held back, from result.json. */
  public int heldCount() {
    return sum("held");
  }

  private int sum(String column) {
    int n = 0;
    for (Map<String, Object> k : counts) {
      if (k.get(column) instanceof Number x) {
        n += x.intValue();
      }
    }
    return n;
  }

  /** The file approving it plans from: the copy of the export in its folder. */
  public Path inputCopy() {
    return dir.resolve("input.csv");
  }

  private static Map<String, Object> read(RunStore store, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    return store.json().readValue(file.toFile(), MAP);
  }

  private static RunPurpose purpose(Map<String, Object> request) {
    Object id = request.getOrDefault("purpose", "sync");
    if ("approve".equals(id)) {
      return new RunPurpose.Approve((String) request.get("approves"));
    }
    if ("revert".equals(id)) {
      return new RunPurpose.Revert(
          (String) request.get("reverts"), Boolean.TRUE.equals(request.get("delete_created")));
    }
    return new RunPurpose.Sync();
  }

  private static RunPurpose plansFrom(Map<String, Object> request) {
    if (!(request.get("plans_from") instanceof Map<?, ?> from)) {
      return request.isEmpty() ? new RunPurpose.Sync() : null;
    }
    if ("revert".equals(from.get("kind"))) {
      return new RunPurpose.Revert(
          (String) from.get("run_id"), Boolean.TRUE.equals(from.get("delete_created")));
    }
    return new RunPurpose.Sync();
  }

  /** request.json's plans_from for a purpose that plans from a file or from a revert. */
  static Map<String, Object> plansFromJson(RunPurpose from) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (from instanceof RunPurpose.Revert r) {
      m.put("kind", "revert");
      m.put("run_id", r.runId());
      m.put("delete_created", r.deleteCreated());
    } else {
      m.put("kind", "file");
    }
    return m;
  }
}
