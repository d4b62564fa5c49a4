package org.titansync.pipeline;

import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.TitanFailure;
import org.titansync.roster.RosterException;
import org.titansync.run.RunContext;
import org.titansync.run.RunStatus;
import org.titansync.run.RunStopped;
import org.titansync.store.RunLock;
import org.titansync.store.StateFolder;

/**
 * How an exception ends a run: the status it means and the message the run shows. The sync route's
 * failure path ({@code run-failed}, routes/sync.camel.yaml) records it, then the run ends as every
 * run does, with its result, reports and mail (route run-end).
 */
public final class RunFailure {
  private static final Logger LOG = LoggerFactory.getLogger(RunFailure.class);

  /** Step run-failed: records on the run how {@code e} ends it. */
  public void record(RunContext ctx, Throwable e) {
    if (e instanceof RunStopped s) {
      if (s.status() == RunStatus.STORAGE) {
        LOG.error("run {}: {}", ctx.runId(), s.getMessage());
      }
      ctx.fail(s.status(), s.getMessage());
    } else if (e instanceof RunLock.Busy) {
      ctx.fail(RunStatus.BUSY, e.getMessage());
    } else if (e instanceof StateFolder.NoRoom) {
      LOG.error("run {}: {}", ctx.runId(), e.getMessage());
      ctx.fail(RunStatus.STORAGE, e.getMessage());
    } else if (e instanceof RosterException) {
      ctx.fail(RunStatus.REFUSED, e.getMessage());
    } else if (e instanceof NoSuchFileException n) {
      ctx.fail(RunStatus.REFUSED, "file not found: " + n.getFile());
    } else if (e instanceof TitanFailure t) {
      ctx.fail(
          t.handling() == TitanFailure.Handling.AUTH
                  || t.handling() == TitanFailure.Handling.UNREACHABLE
                  || t.handling() == TitanFailure.Handling.TRANSIENT
              ? RunStatus.UNREACHABLE
              : RunStatus.ERROR,
          e.getMessage());
    } else {
      LOG.error("run {} failed", ctx.runId(), e);
      ctx.fail(RunStatus.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Seconds as the log shows them. */
  static String seconds(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
