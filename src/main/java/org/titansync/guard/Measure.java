package org.titansync.guard;

/**
 * One measured figure of a counted check: this run's part, the earlier runs' part, and what a
 * percent is of.
 *
 * @param run what this plan changes
 * @param earlier what the earlier runs of the window changed that counts against the limits
 * @param base what a percent is of: the managed accounts or memberships now, or, with earlier runs,
 *     the most of them at any run of the window; 0 for a plain count
 * @param hours the window's length
 */
record Measure(int run, int earlier, int base, int hours) {

  /** This run's part with the window's, on the base now alone or over the window when it adds. */
  static Measure of(int run, int earlier, int baseNow, int baseWindow, Window window) {
    return new Measure(run, earlier, earlier == 0 ? baseNow : baseWindow, window.hours());
  }

  int total() {
    return run + earlier;
  }

  double percent() {
    return base == 0 ? 0 : 100.0 * total() / base;
  }

  /** "; with the 8 of earlier runs in the last 24 h that is 17", or nothing. */
  String windowClause() {
    return earlier == 0
        ? ""
        : "; with the "
            + earlier
            + " of earlier runs in the last "
            + hours
            + " h that is "
            + total();
  }

  /** "5000 new accounts in this run", "36.2% of managed accounts (17 of 47) in the last 24 h". */
  String figure(String what, boolean percent) {
    // A share of what titan-sync manages is at most all of it: past that (the window counts
    // changes against the most managed at any of its runs), the count says it better than a
    // percent over 100.
    String n =
        !percent
            ? total() + " " + what
            : total() > base
                ? total() + " of " + base + " " + what.replaceFirst("^of ", "") + " (more than all)"
                : Words.pct(percent()) + " " + what + " (" + total() + " of " + base + ")";
    return n + (earlier == 0 ? " in this run" : " in the last " + hours + " h");
  }
}
