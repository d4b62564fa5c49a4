package org.titansync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.UnreadableWindow;
import org.titansync.guard.Verdict;
import org.titansync.guard.Window;
import org.titansync.plan.Plan;
import org.titansync.run.RunContext;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;

/**
 * The guardrails' window as a judging stage reads it: the runs of the window, or, when its memory
 * cannot be read, an empty window and the reason that then holds the whole plan. Never open.
 *
 * @param window the earlier runs; empty when they are unknown
 * @param unreadable why the window cannot be read, with the repair; null when it was read
 */
record WindowRead(Window window, String unreadable) {
  private static final Logger LOG = LoggerFactory.getLogger(WindowRead.class);

  /** Reads the window for a run; a run that holds the run lock keeps what the audit log told. */
  static WindowRead of(RunSettings settings, StateFolder store, RunContext ctx) {
    try {
      return new WindowRead(settings.window(store, !ctx.request().dryRun()), null);
    } catch (WindowLedger.Unreadable e) {
      LOG.error("run {}: {}", ctx.runId(), e.getMessage());
      return new WindowRead(
          Window.none(settings.config().guardrails().windowHours()), e.getMessage());
    }
  }

  /** The verdict, holding the whole plan when the window could not be read. */
  Verdict holdIfUnknown(Verdict judged, Plan plan) {
    return unreadable == null
        ? judged
        : UnreadableWindow.hold(judged, plan, capitalised(unreadable) + ".");
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
