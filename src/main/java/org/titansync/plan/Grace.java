package org.titansync.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a person missing from the file keeps everything: {@code sync.remove_after_missing_runs}
 * and {@code sync.remove_after_missing_days}. A person is removed once both are reached: missing
 * from that many runs in a row (the run that finds them missing first counts as one) and for that
 * many days since. The default, one run and no days, removes at once.
 *
 * @param afterRuns 1 or more
 * @param afterDays 0 or more
 */
public record Grace(int afterRuns, int afterDays) {

  /** Removal at once: the first run that finds a person missing removes them. */
  public static final Grace NONE = new Grace(1, 0);

  public Grace {
    if (afterRuns < 1 || afterDays < 0) {
      throw new IllegalArgumentException("afterRuns >= 1 and afterDays >= 0");
    }
  }

  /** True when a person missing from {@code runs} runs in a row since {@code since} is removed. */
  public boolean over(int runs, Instant since, Instant now) {
    return runs >= afterRuns
        && (afterDays == 0 || !Duration.between(since, now).minusDays(afterDays).isNegative());
  }

  /** True when there is a grace period at all. */
  public boolean any() {
    return afterRuns > 1 || afterDays > 0;
  }
}
