package org.titansync.cli;

/** The exit codes, the same for every command (docs/cli.md). */
public final class ExitCode {
  /** Done, or nothing to do. */
  public static final int OK = 0;

  /** Unexpected error. */
  public static final int ERROR = 1;

  /** Bad input or config: the message names the file, line and field. */
  public static final int BAD_INPUT = 2;

  /** Held by a guardrail. */
  public static final int HELD = 3;

  /** Some changes failed. */
  public static final int PARTIAL = 4;

  /** Titan unreachable, or the API key refused. */
  public static final int UNREACHABLE = 5;

  /** Another run of the same setup holds the lock (logs/run.lock) and did not end in time. */
  public static final int BUSY = 6;

  private ExitCode() {}
}
