package org.titansync.app;

import java.io.PrintWriter;
import java.util.function.BiFunction;
import org.titansync.config.SyncConfig;
import org.titansync.report.RunPrinter;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.store.StateFolder;
import org.titansync.titan.TitanClient;

/**
 * A one-shot run through the same routes as the daemon (sync, approve, revert): the in-process
 * sandbox when asked for, Camel, the printed summary, the exit code.
 */
public final class OneRun {
  private OneRun() {}

  /**
   * Runs one request through the routes, prints its summary to {@code out} and returns the exit
   * code.
   *
   * @param request makes the request from the config the run will use (pointed at the sandbox when
   *     there is one) and the run's one Titan client (reads it starts and the apply's writes share
   *     its rate gate); it is called before Camel starts, so reads it starts overlap Camel's
   *     start-up
   */
  public static int execute(
      PrintWriter out,
      PrintWriter err,
      SyncConfig config,
      boolean sandbox,
      BiFunction<SyncConfig, TitanClient, SyncRequest> request)
      throws Exception {
    return execute(out, err, config, sandbox, request, s -> s.status().exitCode());
  }

  /**
   * {@link #execute(PrintWriter, PrintWriter, SyncConfig, boolean, BiFunction)} with the exit code
   * the caller makes of the run's summary.
   */
  public static int execute(
      PrintWriter out,
      PrintWriter err,
      SyncConfig config,
      boolean sandbox,
      BiFunction<SyncConfig, TitanClient, SyncRequest> request,
      java.util.function.ToIntFunction<RunSummary> exit)
      throws Exception {
    try {
      // Fail before writing: a logs folder that cannot take the run stops it before anything is
      // read or written, with one sentence instead of a stack trace.
      StateFolder.of(config.paths()).checkRoom(0);
    } catch (StateFolder.NoRoom e) {
      err.println("error: " + e.getMessage());
      return RunStatus.STORAGE.exitCode();
    }
    SyncConfig run = config;
    InProcessSandbox started = null;
    if (sandbox) {
      try {
        started =
            InProcessSandbox.start(
                config,
                false,
                holder -> {
                  err.println("sandbox: waiting for " + holder);
                  err.flush();
                });
      } catch (InProcessSandbox.Busy e) {
        err.println("error: " + e.getMessage());
        return RunStatus.BUSY.exitCode();
      }
    }
    try (InProcessSandbox box = started) {
      if (box != null) {
        run = box.pointAt(config);
        err.println(box.describe());
      }
      TitanClient client = TitanSyncApp.clientFor(run);
      SyncRequest made = request.apply(run, client);
      // Every run, a dry run too, goes through the routes (routes/sync.camel.yaml), with the
      // client its reads started with, so one rate gate paces reads and writes.
      RunSummary summary;
      try (TitanSyncApp app = TitanSyncApp.start(run, client)) {
        summary = app.sync(made);
      }
      RunPrinter.print(out, summary, StateFolder.of(run.paths()));
      return exit.applyAsInt(summary);
    }
  }
}
