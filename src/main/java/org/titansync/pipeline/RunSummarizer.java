package org.titansync.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.titansync.config.SyncConfig;
import org.titansync.guard.Verdict;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.Judged;
import org.titansync.run.KindCount;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;
import org.titansync.store.StateFolder;

/** A run in flight told as it stands: its status and its one-line message, in a summary. */
public final class RunSummarizer {
  /** The longest run message shown: enough for a header line of some 50 columns. */
  static final int MAX_MESSAGE_CHARS = 1000;

  private final SyncConfig config;

  public RunSummarizer(SyncConfig config) {
    this.config = config;
  }

  /**
   * The summary as it stands now.
   *
   * @param planned what the run planned; null when it stopped before
   * @param judged what the guardrails decided; null when they did not
   */
  public RunSummary summary(RunContext ctx, Planned planned, Judged judged) {
    if (planned == null && judged != null) {
      planned = judged.planned();
    }
    Plan plan = planned == null ? null : planned.plan();
    Verdict verdict = judged == null ? Verdict.none() : judged.verdict();
    Map<String, ChangeOutcome> outcomes = new HashMap<>(ctx.outcomes());
    for (String key : verdict.heldKeys()) {
      outcomes.putIfAbsent(key, new ChangeOutcome(ChangeOutcome.State.HELD, 0, 0, null));
    }
    RunStatus status = status(ctx, plan, verdict, outcomes);
    boolean partlyApplied = status == RunStatus.HELD && judged.isWork() && !ctx.request().dryRun();
    return new RunSummary(
        ctx.runId(),
        ShownName.escape(ctx.request().file().toString()),
        ctx.startedAt(),
        StateFolder.now(),
        status,
        ctx.request().dryRun(),
        plan,
        Map.copyOf(outcomes),
        verdict.held() ? List.copyOf(verdict.sentences()) : List.of(),
        shown(
            message(
                ctx,
                status,
                plan,
                outcomes,
                planned == null ? null : planned.noUpdates(),
                partlyApplied)),
        List.copyOf(ctx.notes()),
        verdict);
  }

  private static RunStatus status(
      RunContext ctx, Plan plan, Verdict verdict, Map<String, ChangeOutcome> outcomes) {
    if (ctx.failure() != null) {
      return ctx.failure();
    }
    if (verdict.held()) {
      return RunStatus.HELD;
    }
    if (ctx.request().dryRun()) {
      return RunStatus.DRY_RUN;
    }
    if (plan.isEmpty()) {
      return RunStatus.NOTHING_TO_DO;
    }
    for (Change c : plan.changes()) {
      if (ChangeOutcome.stateOf(outcomes.get(c.key())) != ChangeOutcome.State.DONE) {
        return RunStatus.PARTIAL;
      }
    }
    return RunStatus.APPLIED;
  }

  /**
   * A run's message as titan-sync shows and stores it (log, result.json, reports, reason file,
   * mail): the API key and SMTP password scrubbed, control characters escaped, and cut to {@link
   * #MAX_MESSAGE_CHARS}. A refused file's message may echo its first line, and that file may be
   * anything dropped in the inbox, a file of secrets included.
   */
  String shown(String message) {
    String text =
        ShownName.escape(config.email().password().scrub(config.titan().apiKey().scrub(message)));
    if (text.length() <= MAX_MESSAGE_CHARS) {
      return text;
    }
    int cut = MAX_MESSAGE_CHARS;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters not shown)";
  }

  private static String message(
      RunContext ctx,
      RunStatus status,
      Plan plan,
      Map<String, ChangeOutcome> outcomes,
      String noUpdates,
      boolean partlyApplied) {
    if (ctx.failure() != null) {
      return ctx.failureMessage();
    }
    List<String> parts = new ArrayList<>();
    List<String> heldParts = new ArrayList<>();
    List<String> appliedParts = new ArrayList<>();
    for (KindCount k : KindCount.of(plan, outcomes)) {
      String n =
          status == RunStatus.DRY_RUN || status == RunStatus.HELD
              ? String.valueOf(k.planned())
              : k.done()
                  + "/"
                  + k.planned()
                  + (k.failed() > 0 ? " (" + k.failed() + " failed)" : "");
      parts.add(k.kind() + " " + n);
      if (k.held() > 0) {
        heldParts.add(k.kind() + " " + k.held());
      }
      int sent = k.planned() - k.held();
      if (sent > 0) {
        appliedParts.add(
            k.kind()
                + " "
                + k.done()
                + "/"
                + sent
                + (k.failed() > 0 ? " (" + k.failed() + " failed)" : ""));
      }
    }
    String what = parts.isEmpty() ? "no changes" : String.join(", ", parts);
    String tail =
        (plan.errors().isEmpty() ? "" : "; " + counted(plan.errors().size(), "row error"))
            + (plan.conflicts().isEmpty()
                ? ""
                : "; " + counted(plan.conflicts().size(), "conflict"));
    return switch (status) {
      case DRY_RUN ->
          noUpdates != null
              ? "dry run: nothing to do: the export says nothing changed (no updates)"
              : "dry run: would make "
                  + counted(plan.changes().size(), "change")
                  + " ("
                  + what
                  + ")"
                  + tail;
      case NOTHING_TO_DO ->
          noUpdates != null
              ? "nothing to do: the export says nothing changed (no updates)"
              : "nothing to do: Titan already matches the file" + tail;
      case HELD ->
          partlyApplied
              ? "held by a guardrail: "
                  + String.join(", ", heldParts)
                  + " held, nothing held was written; applied the rest ("
                  + String.join(", ", appliedParts)
                  + ")"
                  + tail
              : "held by a guardrail"
                  + (ctx.request().dryRun() ? " (dry run)" : "")
                  + ": "
                  + counted(plan.changes().size(), "change")
                  + " planned ("
                  + what
                  + "), nothing was written"
                  + tail;
      case APPLIED ->
          "applied " + counted(plan.changes().size(), "change") + " (" + what + ")" + tail;
      case PARTIAL -> "some changes failed (" + what + ")" + tail;
      default -> status.label();
    };
  }

  /** "1 change", "3 changes". */
  static String counted(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
