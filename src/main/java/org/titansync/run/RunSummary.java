package org.titansync.run;

import java.util.List;
import java.util.Map;
import org.titansync.guard.Verdict;
import org.titansync.plan.Plan;

/**
 * Everything a run's reports, result.json and mail say.
 *
 * @param plan null when the run stopped before planning (refused file, Titan unreachable)
 * @param outcomes change key -> what became of it; a change without an entry is "planned"
 * @param holdReasons why a guardrail held the plan (empty when not held)
 * @param message one line: the summary printed last, or what went wrong
 * @param notes things worth knowing that changed nothing (e.g. the mail could not be sent)
 * @param verdict what the guardrails decided: why, the likely cause, the removals by site
 */
public record RunSummary(
    String runId,
    String inputFile,
    String startedAt,
    String finishedAt,
    RunStatus status,
    boolean dryRun,
    Plan plan,
    Map<String, ChangeOutcome> outcomes,
    List<String> holdReasons,
    String message,
    List<String> notes,
    Verdict verdict) {

  public RunSummary {
    if (verdict == null) {
      verdict = Verdict.none();
    }
  }

  /** A summary with no guardrail verdict (the run stopped before the guardrails ran). */
  public RunSummary(
      String runId,
      String inputFile,
      String startedAt,
      String finishedAt,
      RunStatus status,
      boolean dryRun,
      Plan plan,
      Map<String, ChangeOutcome> outcomes,
      List<String> holdReasons,
      String message,
      List<String> notes) {
    this(
        runId,
        inputFile,
        startedAt,
        finishedAt,
        status,
        dryRun,
        plan,
        outcomes,
        holdReasons,
        message,
        notes,
        Verdict.none());
  }

  /** The same summary with other notes. */
  public RunSummary withNotes(List<String> otherNotes) {
    return new RunSummary(
        runId,
        inputFile,
        startedAt,
        finishedAt,
        status,
        dryRun,
        plan,
        outcomes,
        holdReasons,
        message,
        List.copyOf(otherNotes),
        verdict);
  }

  /** The same summary with its input file named otherwise (as shown, say). */
  public RunSummary withInputFile(String otherInputFile) {
    return new RunSummary(
        runId,
        otherInputFile,
        startedAt,
        finishedAt,
        status,
        dryRun,
        plan,
        outcomes,
        holdReasons,
        message,
        notes,
        verdict);
  }
}
