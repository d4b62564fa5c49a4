package org.titansync.run;

/** How a run ended; each maps to one exit code (docs/cli.md). */
public enum RunStatus {
  /** The plan was shown, nothing written. */
  DRY_RUN("dry-run", 0),
  /** Titan already matches the file. */
  NOTHING_TO_DO("nothing to do", 0),
  /** Every planned change was applied. */
  APPLIED("applied", 0),
  /** A guardrail held the plan (or its removals): nothing held was written. */
  HELD("held", 3),
  /** Some changes failed; the others were applied. */
  PARTIAL("partly failed", 4),
  /** The file or the config was refused before planning. */
  REFUSED("refused", 2),
  /** Titan could not be reached, or the key was refused. */
  UNREACHABLE("Titan unreachable", 5),
  /** Another run of the same setup held the lock for longer than sync.lock_wait_seconds. */
  BUSY("another run holds the lock", 6),
  /**
   * The logs folder, the audit log or the disk could not take the run: stopped before the first
   * write to Titan, or its reports could not be written.
   */
  STORAGE("logs folder problem", 2),
  /** Something unexpected; see the log. */
  ERROR("error", 1);

  private final String label;
  private final int exitCode;

  RunStatus(String label, int exitCode) {
    this.label = label;
    this.exitCode = exitCode;
  }

  public String label() {
    return label;
  }

  public int exitCode() {
    return exitCode;
  }
}
