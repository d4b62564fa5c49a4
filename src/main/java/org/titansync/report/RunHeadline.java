package org.titansync.report;

import java.util.ArrayList;
import java.util.List;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;

/**
 * How a run ended, at a glance: one word and a colour at the top of the report and the mail
 * (applied, held and failed runs never look alike), and a first sentence in plain words.
 *
 * @param word the word at the top: APPLIED, HELD, FAILED, PARTLY FAILED, DRY RUN, NO CHANGES
 * @param tone the colour's name, a CSS class of the report: ok, held, failed, info
 * @param sentence what happened, in one sentence
 */
public record RunHeadline(String word, String tone, String sentence) {

  public static RunHeadline of(RunSummary s) {
    List<KindCount> counts = KindCount.of(s);
    int planned = counts.stream().mapToInt(KindCount::planned).sum();
    int done = counts.stream().mapToInt(KindCount::done).sum();
    int failed = counts.stream().mapToInt(KindCount::failed).sum();
    String what = whatChanges(counts, s.dryRun() || s.status() == org.titansync.run.RunStatus.HELD);
    return switch (s.status()) {
      case APPLIED ->
          new RunHeadline(
              "APPLIED",
              "ok",
              "Every planned change was made: " + Plural.of(done, "change") + what);
      case NOTHING_TO_DO ->
          new RunHeadline("NO CHANGES", "ok", "Titan already matches the file: nothing to do.");
      case DRY_RUN ->
          new RunHeadline(
              "DRY RUN",
              "info",
              planned == 0
                  ? "Dry run: Titan already matches the file, nothing would change."
                  : "Dry run, nothing was written: a real run would make "
                      + Plural.of(planned, "change")
                      + what);
      case HELD ->
          new RunHeadline(
              "HELD",
              "held",
              done > 0
                  ? "Waits for approval: the held changes were not written; "
                      + Plural.of(done, "other change")
                      + (done == 1 ? " was" : " were")
                      + " made."
                  : "The run waits for approval: nothing was written.");
      case PARTIAL ->
          new RunHeadline(
              "PARTLY FAILED",
              "failed",
              failed
                  + " of "
                  + Plural.of(planned, "change")
                  + " failed; "
                  + done
                  + (done == 1 ? " was" : " were")
                  + " made.");
      case REFUSED -> new RunHeadline("FAILED", "failed", "The file was refused: nothing written.");
      case UNREACHABLE ->
          new RunHeadline("FAILED", "failed", "Titan could not be reached: nothing written.");
      case STORAGE ->
          new RunHeadline(
              "FAILED", "failed", "The logs folder could not take the run: nothing written.");
      case BUSY ->
          new RunHeadline(
              "NOT RUN", "failed", "Another run held the lock: this one did not start.");
      case ERROR -> new RunHeadline("FAILED", "failed", "Something unexpected stopped the run.");
    };
  }

  /** ": 3 new accounts, 2 leave a school." or "." */
  private static String whatChanges(List<KindCount> counts, boolean planned) {
    List<String> parts = new ArrayList<>();
    for (KindCount k : counts) {
      parts.add(KindWords.counted(k.kind(), planned ? k.planned() : k.done()));
    }
    parts.removeIf(String::isEmpty);
    return parts.isEmpty() ? "." : " (" + String.join(", ", parts) + ").";
  }
}
