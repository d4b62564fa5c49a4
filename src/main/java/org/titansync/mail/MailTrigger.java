package org.titansync.mail;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.titansync.run.KindCount;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;

/**
 * Which {@code email.send_on} word, if any, makes a run send mail (docs/operations.md, "Email").
 *
 * <ul>
 *   <li>{@code changes}: at least one change was written (applied, partly applied, or the part of a
 *       held run that hold_scope = "removals" let through);
 *   <li>{@code held}: a guardrail held the run;
 *   <li>{@code failed}: some changes failed, Titan was unreachable, the file or config was refused,
 *       or an unexpected error stopped the run;
 *   <li>{@code errors}: the plan has row errors or conflicts;
 *   <li>{@code always}: every run.
 * </ul>
 *
 * A dry run mails only with {@code always}: whoever runs one reads its outcome on screen.
 */
public final class MailTrigger {
  public static final String CHANGES = "changes";
  public static final String HELD = "held";
  public static final String FAILED = "failed";
  public static final String ERRORS = "errors";
  public static final String ALWAYS = "always";

  private static final Set<RunStatus> FAILURES =
      Set.of(
          RunStatus.PARTIAL,
          RunStatus.UNREACHABLE,
          RunStatus.REFUSED,
          RunStatus.ERROR,
          RunStatus.STORAGE);

  private MailTrigger() {}

  /** The word that makes {@code run} send mail, the most telling first; empty: no mail. */
  public static Optional<String> match(Set<String> sendOn, RunSummary run) {
    if (sendOn.contains(ALWAYS)) {
      return Optional.of(ALWAYS);
    }
    if (run.dryRun() || run.status() == RunStatus.DRY_RUN) {
      return Optional.empty();
    }
    for (String word : List.of(HELD, FAILED, CHANGES, ERRORS)) {
      if (sendOn.contains(word) && applies(word, run)) {
        return Optional.of(word);
      }
    }
    return Optional.empty();
  }

  private static boolean applies(String word, RunSummary run) {
    return switch (word) {
      case HELD -> run.status() == RunStatus.HELD;
      case FAILED -> isFailure(run);
      case CHANGES -> done(run) > 0;
      case ERRORS ->
          run.plan() != null
              && (!run.plan().errors().isEmpty() || !run.plan().conflicts().isEmpty());
      default -> false;
    };
  }

  /** Some changes failed, or the run stopped before writing (unreachable, refused, error). */
  public static boolean isFailure(RunSummary run) {
    return FAILURES.contains(run.status());
  }

  private static int done(RunSummary run) {
    return KindCount.of(run).stream().mapToInt(KindCount::done).sum();
  }
}
