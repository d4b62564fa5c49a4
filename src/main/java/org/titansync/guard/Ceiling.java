package org.titansync.guard;

/**
 * A counted check's limit beside what it measured: a number of changes (max_removals,
 * max_privileged_changes, max_creations), or a percent of the accounts or memberships titan-sync
 * manages (the {@code *_percent} checks). Its reason reads "{what the plan does}{@link #share()}
 * {@link #moreThan()}", e.g. "The plan creates 60 accounts, 30.0% of the 200 accounts titan-sync
 * manages in Titan, more than max_creation_percent = 25%."
 *
 * @param check the check
 * @param max the most it allows, a count or a percent
 * @param managed what a percent is of ({@code accounts}, {@code memberships}); empty for a count
 * @param measure what this run and the earlier runs of the window changed
 */
record Ceiling(Check check, double max, String managed, Measure measure) {

  static Ceiling count(Check check, int max, Measure measure) {
    return new Ceiling(check, max, "", measure);
  }

  static Ceiling percentOfAccounts(Check check, double max, Measure measure) {
    return new Ceiling(check, max, "accounts", measure);
  }

  static Ceiling percentOfMemberships(Check check, double max, Measure measure) {
    return new Ceiling(check, max, "memberships", measure);
  }

  boolean isPercent() {
    return !managed.isEmpty();
  }

  /** True when the measure goes over the limit; a percent of nothing managed never does. */
  boolean passed() {
    return isPercent()
        ? measure.total() > 0 && measure.base() > 0 && measure.percent() > max
        : measure.total() > max;
  }

  /** The limit as the config writes it: {@code 100}, {@code 10%}. */
  String limitWords() {
    return isPercent() ? Words.limit(max) : String.valueOf((long) max);
  }

  /**
   * ", 12.5% of the 40 accounts titan-sync manages in Titan" for a percent; nothing for a count.
   */
  String share() {
    if (!isPercent()) {
      return "";
    }
    if (measure.total() > measure.base()) {
      // Never a percent over 100: more than all of them is what it is.
      return ", more than all the "
          + measure.base()
          + " "
          + managed
          + " titan-sync manages in Titan";
    }
    return ", "
        + Words.pct(measure.percent())
        + " of the "
        + measure.base()
        + " "
        + managed
        + " titan-sync manages in Titan";
  }

  /** ", more than max_creations = 100." */
  String moreThan() {
    return ", more than " + check.key() + " = " + limitWords() + ".";
  }

  /**
   * The reason to hold, with the figure measured.
   *
   * @param what what was counted, e.g. {@code new accounts}, {@code of managed accounts updated}
   */
  Reason reason(String sentence, String what, String cause) {
    return new Reason(check, sentence, measure.figure(what, isPercent()), limitWords(), cause);
  }
}
