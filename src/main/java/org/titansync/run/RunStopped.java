package org.titansync.run;

/**
 * A stage ends the run before it writes: refused (a run that cannot be approved or reverted, a
 * config that cannot reach Titan), or a logs folder that cannot take it. The route's failure path
 * records the status and message, then the run's result, reports and mail as for any run.
 */
public final class RunStopped extends Exception {
  private static final long serialVersionUID = 1L;

  private final RunStatus status;

  public RunStopped(RunStatus status, String message) {
    super(message);
    this.status = status;
  }

  public RunStatus status() {
    return status;
  }
}
