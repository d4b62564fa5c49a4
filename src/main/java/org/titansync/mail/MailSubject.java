package org.titansync.mail;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.RemoveMembership;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;

/**
 * The subject of a run's mail, which says the outcome: {@code 12 changes applied}, {@code HELD: 412
 * removals at Lincoln Elementary}, {@code FAILED: Titan unreachable}. Row errors and conflicts are
 * added at the end ({@code ; 3 row errors}). Without the prefix, which {@link MailComposer} adds.
 */
public final class MailSubject {
  private static final int MAX_REASON = 90;

  private MailSubject() {}

  public static String of(RunSummary run) {
    List<KindCount> counts = KindCount.of(run);
    int planned = counts.stream().mapToInt(KindCount::planned).sum();
    int done = counts.stream().mapToInt(KindCount::done).sum();
    String outcome =
        switch (run.status()) {
          case APPLIED -> plural(done, "change") + " applied";
          case PARTIAL ->
              "PARTLY FAILED: " + done + " of " + plural(planned, "change") + " applied";
          case HELD ->
              "HELD: "
                  + held(run)
                  + (done > 0 ? "; " + plural(done, "other change") + " applied" : "");
          case DRY_RUN -> "dry run: " + plural(planned, "change") + " would be made";
          case NOTHING_TO_DO -> "no changes";
          case REFUSED -> "FAILED: " + fileName(run) + " refused";
          case UNREACHABLE -> "FAILED: Titan unreachable";
          case ERROR -> "FAILED: unexpected error";
          case STORAGE -> "FAILED: logs folder problem";
          case BUSY -> "NOT RUN: another run holds the lock";
        };
    StringBuilder subject = new StringBuilder(outcome);
    if (run.plan() != null) {
      if (!run.plan().errors().isEmpty()) {
        subject.append("; ").append(plural(run.plan().errors().size(), "row error"));
      }
      if (!run.plan().conflicts().isEmpty()) {
        subject.append("; ").append(plural(run.plan().conflicts().size(), "conflict"));
      }
    }
    return oneLine(subject.toString());
  }

  /**
   * What waits for approval: the removals and where, as that is what a guardrail usually stops;
   * otherwise the first reason the guardrail gave. The mail's body lists every reason.
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
    if (removals > 0) {
      String where =
          removalsBySite.size() == 1
              ? removalsBySite.keySet().iterator().next()
              : removalsBySite.size() + " sites";
      return plural(removals, "removal")
          + " at "
          + where
          + (deactivations > 0 ? " and " + plural(deactivations, "deactivation") : "");
    }
    if (deactivations > 0) {
      return plural(deactivations, "deactivation");
    }
    if (!run.holdReasons().isEmpty()) {
      String reason = oneLine(run.holdReasons().get(0));
      if (reason.length() > MAX_REASON) {
        int cut = reason.lastIndexOf(' ', MAX_REASON);
        reason = reason.substring(0, cut > MAX_REASON / 2 ? cut : MAX_REASON) + "...";
      }
      int more = run.holdReasons().size() - 1;
      return reason + (more > 0 ? " (and " + more + " more)" : "");
    }
    return "waiting for approval";
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
