package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.titansync.guard.Reason;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.Verdict;
import org.titansync.plan.Change;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;

/**
 * result.json in a run folder: how the run ended. Written by stage report (and again when the mail
 * adds a note), read by {@link PastRun} ({@code runs}, approve, revert).
 *
 * @param status the run's status in lower case ("applied", "held", "dry_run", ...)
 * @param holdReasons one sentence per tripped guardrail; empty when not held
 * @param holds per tripped check its details; only for a held run
 * @param likelyCause only for a held run
 * @param approveCommand the command that approves it, with the run's --config; only for a held run
 * @param counts per kind of change: planned, done, failed, skipped, held
 * @param rowErrors rows of the file refused; absent when the run stopped before planning
 * @param conflicts people the plan could not place; absent when the run stopped before planning
 * @param failed the changes Titan refused
 * @param keptByHand roles kept because they were made by hand (membership_scope = "owned"); absent
 *     when the run stopped before planning
 * @param missing the people missing from the file, "missing since DATE (run ID)"; absent when the
 *     run stopped before planning
 */
public record ResultFile(
    String runId,
    String input,
    String startedAt,
    String finishedAt,
    String status,
    int exitCode,
    boolean dryRun,
    String message,
    List<String> holdReasons,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Hold> holds,
    @JsonInclude(JsonInclude.Include.NON_NULL) String likelyCause,
    @JsonInclude(JsonInclude.Include.NON_NULL) String approveCommand,
    List<RoleHolders> privilegedHolders,
    List<KindCount> counts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer rowErrors,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer conflicts,
    List<Failure> failed,
    List<String> notes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer keptByHand,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> missing) {

  public static final String FILE = "result.json";

  /**
   * One tripped guardrail, as the reports say it.
   *
   * @param check the check's key, such as {@code max_privileged_changes}
   * @param setting the setting that governs it, such as {@code guardrails.max_privileged_changes}
   */
  public record Hold(
      String check, String setting, String figure, String limit, String cause, String sentence) {
    static Hold of(Reason r) {
      return new Hold(r.check().key(), r.setting(), r.figure(), r.limit(), r.cause(), r.sentence());
    }
  }

  /** A change Titan refused: its last answer and how often it was tried. */
  public record Failure(
      String key, String externalId, int httpStatus, int attempts, String error) {}

  /** How a run ended, as its summary says. */
  public static ResultFile of(RunSummary s) {
    Verdict v = s.verdict();
    List<Hold> holds = null;
    if (v.held()) {
      holds = new ArrayList<>();
      for (Reason r : v.reasons()) {
        holds.add(Hold.of(r));
      }
    }
    List<Failure> failed = new ArrayList<>();
    if (s.plan() != null) {
      for (Change c : s.plan().changes()) {
        ChangeOutcome o = s.outcomes().get(c.key());
        if (o != null && o.state() == ChangeOutcome.State.FAILED) {
          failed.add(new Failure(c.key(), c.externalId(), o.httpStatus(), o.attempts(), o.error()));
        }
      }
    }
    return new ResultFile(
        s.runId(),
        s.inputFile(),
        s.startedAt(),
        s.finishedAt(),
        s.status().name().toLowerCase(Locale.ROOT),
        s.status().exitCode(),
        s.dryRun(),
        s.message(),
        s.holdReasons(),
        holds,
        v.held() ? v.likelyCause() : null,
        v.held() ? approveCommand(s) : null,
        v.holders(),
        KindCount.of(s),
        s.plan() == null ? null : s.plan().errors().size(),
        s.plan() == null ? null : s.plan().conflicts().size(),
        failed,
        s.notes(),
        s.plan() == null ? null : s.plan().keeping().rolesKeptByHand(),
        s.plan() == null ? null : s.plan().keeping().missingWords(s.plan()::nameOf));
  }

  /** The command that approves a held run: the verdict's, with the run's --config. */
  public static String approveCommand(RunSummary s) {
    return s.verdict().approveCommand().isEmpty()
        ? "titan-sync approve " + s.runId()
        : s.verdict().approveCommand();
  }

  public void write(StateFolder store, Path runDir) throws IOException {
    store.writeJson(runDir.resolve(FILE), this);
  }

  /**
   * The run folder's result.json; empty when it has none (the run has not ended, or was killed).
   */
  public static Optional<ResultFile> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), ResultFile.class);
  }
}
