package org.titansync.mail;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.titansync.guard.Check;
import org.titansync.guard.Reason;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.RemoveMembership;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;

/**
 * The subject of a run's mail: the outcome in whole sentences, never cut mid-sentence ({@code
 * Applied 12 changes.}, {@code Held for approval: 412 people would leave Lincoln Elementary.},
 * {@code Failed: Titan could not be reached, nothing was written.}). Skipped rows and conflicts
 * follow as sentences of their own. Without the prefix, which {@link MailComposer} adds.
 */
public final class MailSubject {
  private MailSubject() {}

  public static String of(RunSummary run) {
    List<KindCount> counts = KindCount.of(run);
    int planned = counts.stream().mapToInt(KindCount::planned).sum();
    int done = counts.stream().mapToInt(KindCount::done).sum();
    String outcome =
        switch (run.status()) {
          case APPLIED -> "Applied " + plural(done, "change") + ".";
          case PARTIAL ->
              "Partly failed: " + done + " of " + plural(planned, "change") + " applied.";
          case HELD ->
              "Held for approval: "
                  + held(run)
                  + "."
                  + (done > 0 ? " " + plural(done, "other change") + " applied." : "");
          case DRY_RUN -> "Dry run: " + plural(planned, "change") + " would be made.";
          case NOTHING_TO_DO -> "No changes: Titan already matches the file.";
          case REFUSED -> "Failed: " + fileName(run) + " was refused, nothing was written.";
          case UNREACHABLE -> "Failed: Titan could not be reached, nothing was written.";
          case ERROR -> "Failed: an unexpected error stopped the run.";
          case STORAGE -> "Failed: the logs folder could not take the run, nothing was written.";
          case BUSY -> "Not run: another run holds the lock.";
        };
    StringBuilder subject = new StringBuilder(outcome);
    if (run.plan() != null) {
      int errors = run.plan().errors().size();
      if (errors > 0) {
        subject
            .append(' ')
            .append(plural(errors, "row"))
            .append(errors == 1 ? " was" : " were")
            .append(" skipped.");
      }
      int conflicts = run.plan().conflicts().size();
      if (conflicts > 0) {
        subject
            .append(' ')
            .append(conflicts == 1 ? "1 person was" : conflicts + " people were")
            .append(" not touched (conflict).");
      }
    }
    return oneLine(subject.toString());
  }

  /**
   * What waits for approval: the removals and where, as that is what a guardrail usually stops;
   * otherwise what the first guardrail found, in a few words. The mail's body says the rest.
   */
  private static String held(RunSummary run) {
    Map<String, Integer> removalsBySite = new LinkedHashMap<>();
    int deactivations = 0;
    if (run.plan() != null) {
      for (Change c : run.plan().changes()) {
        if (c instanceof RemoveMembership r) {
          removalsBySite.merge(r.siteName(), 1, Integer::sum);
        } else if (c.kind() == ChangeKind.DEACTIVATE) {
          deactivations++;
        }
      }
    }
    int removals = removalsBySite.values().stream().mapToInt(Integer::intValue).sum();
    boolean removalsHeld = run.verdict().reasons().isEmpty() || run.verdict().removalsTripped();
    if (removals > 0 && removalsHeld) {
      String where =
          removalsBySite.size() == 1
              ? (removals == 1 ? "1 person would leave " : removals + " people would leave ")
                  + removalsBySite.keySet().iterator().next()
              : removals + " departures from " + removalsBySite.size() + " schools";
      return where
          + (deactivations > 0 ? " and " + plural(deactivations, "account") + " deactivated" : "");
    }
    if (deactivations > 0 && removalsHeld) {
      return plural(deactivations, "account") + " would be deactivated";
    }
    List<Reason> reasons = run.verdict().reasons();
    if (!reasons.isEmpty()) {
      int more = reasons.size() - 1;
      return found(reasons.get(0).check())
          + (more > 0 ? " (and " + more + (more == 1 ? " other reason)" : " other reasons)") : "");
    }
    int more = run.holdReasons().size();
    return more > 0 ? plural(more, "guardrail") + " tripped" : "waiting for approval";
  }

  /** What a guardrail found, in a few words. */
  static String found(Check check) {
    return switch (check) {
      case MAX_REMOVALS, MAX_REMOVAL_PERCENT -> "too many people would leave their schools";
      case MAX_UPDATE_PERCENT -> "too many accounts would change";
      case MAX_DOMAIN_MOVE_PERCENT -> "many email addresses would move to another domain";
      case PRIVILEGED_EMAIL_CHANGE -> "the email of a privileged account would change";
      case MAX_PRIVILEGED_CHANGES -> "too many privileged roles would change";
      case LAST_PRIVILEGED_HOLDER -> "the last holder of a privileged role would lose it";
      case SITE_LAST_HOLDER -> "a school would lose the last holder of a role";
      case LOOK_ALIKE_PRIVILEGED_NAME -> "a look-alike name would gain a privileged role";
      case MAX_ROLE_CHANGE_PERCENT -> "too many roles would change";
      case MAX_CREATIONS, MAX_CREATION_PERCENT -> "too many new accounts";
      case MIN_ROWS_PERCENT_OF_LAST -> "the file is much shorter than the last one";
      case VANISHED_SITE -> "a school vanished from the file";
      case HEADER_CHANGE -> "the file's columns or format changed";
      case APPROVAL_CEILING -> "the approval would go beyond what was held";
      case WINDOW_UNREADABLE -> "the guardrails' memory cannot be read";
      case MEMORY_UNREADABLE -> "titan-sync's memory of its Titan cannot be read";
    };
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String fileName(RunSummary run) {
    Path name = run.inputFile().isEmpty() ? null : Path.of(run.inputFile()).getFileName();
    return name == null ? "the file" : name.toString();
  }

  /** A header holds one line: names and reasons could carry line breaks. */
  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
