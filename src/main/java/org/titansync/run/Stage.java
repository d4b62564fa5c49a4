package org.titansync.run;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.titansync.plan.TitanFailure;
import org.titansync.roster.RosterException;

/**
 * How every stage bean of routes/sync.camel.yaml runs its work: it never throws (but an Error). A
 * failure ends up in the run's {@link RunContext} with the status its kind means, and the stages
 * after it up to the reports do nothing, so the run still ends with its result, reports and mail.
 */
public final class Stage {
  private static final Logger LOG = LoggerFactory.getLogger(Stage.class);

  private Stage() {}

  /** A stage's work; its exceptions end the run as {@link #run} says. */
  public interface Work {
    void run() throws IOException, TitanFailure, RosterException, RunLock.Busy;
  }

  /** Runs one stage's work under the run's id in the log; returns the context. */
  public static RunContext run(RunContext ctx, Work work) {
    return withRunId(
        ctx,
        () -> {
          try {
            work.run();
          } catch (RunLock.Busy e) {
            ctx.broke();
            ctx.fail(RunStatus.BUSY, e.getMessage());
          } catch (RunStore.NoRoom e) {
            ctx.broke();
            LOG.error("run {}: {}", ctx.runId(), e.getMessage());
            ctx.fail(RunStatus.STORAGE, e.getMessage());
          } catch (RosterException e) {
            ctx.broke();
            ctx.fail(RunStatus.REFUSED, e.getMessage());
          } catch (NoSuchFileException e) {
            ctx.broke();
            ctx.fail(RunStatus.REFUSED, "file not found: " + e.getFile());
          } catch (TitanFailure e) {
            ctx.broke();
            ctx.fail(
                e.handling() == TitanFailure.Handling.AUTH
                        || e.handling() == TitanFailure.Handling.UNREACHABLE
                        || e.handling() == TitanFailure.Handling.TRANSIENT
                    ? RunStatus.UNREACHABLE
                    : RunStatus.ERROR,
                e.getMessage());
          } catch (IOException | RuntimeException e) {
            ctx.broke();
            LOG.error("run {} failed", ctx.runId(), e);
            ctx.fail(RunStatus.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        });
  }

  /** Runs {@code work} with the run's id in the log's MDC, then puts back the id there before. */
  public static RunContext withRunId(RunContext ctx, Runnable work) {
    String before = MDC.get("run_id");
    MDC.put("run_id", ctx.runId());
    try {
      work.run();
    } finally {
      if (before == null) {
        MDC.remove("run_id");
      } else {
        MDC.put("run_id", before);
      }
    }
    return ctx;
  }

  /**
   * True when the planning stages go on: nothing failed or refused the run so far, and the export
   * is not one that changes nothing.
   */
  public static boolean planning(RunContext ctx) {
    return ctx.failure() == null && ctx.noUpdates() == null;
  }

  /** True when the recording stages go on: a plan, and no stage ended by an exception. */
  public static boolean recording(RunContext ctx) {
    return ctx.plan() != null && !ctx.broken();
  }

  /** Seconds as the log shows them. */
  static String seconds(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
