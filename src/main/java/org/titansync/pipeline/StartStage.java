package org.titansync.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.titansync.config.PlainHttpWarning;
import org.titansync.config.SyncConfig;
import org.titansync.logging.RunIdLogging;
import org.titansync.run.RunContext;
import org.titansync.run.RunId;
import org.titansync.run.SyncRequest;
import org.titansync.store.RunLock;
import org.titansync.store.StateFolder;

/**
 * Stages start and lock of routes/sync.camel.yaml, and release: the run folder and the run; for a
 * run that writes, the room check and the run lock, held until the run ends.
 */
public final class StartStage {
  private static final Logger LOG = LoggerFactory.getLogger(StartStage.class);

  private final SyncConfig config;
  private final StateFolder store;

  public StartStage(SyncConfig config, StateFolder store) {
    this.config = config;
    this.store = store;
  }

  /**
   * Stage start: the run folder and the run in flight, and the warning about a plain-http Titan
   * elsewhere. Throws only when no run folder can be made: there is no run to report then.
   */
  public RunContext start(SyncRequest request) {
    String runId = null;
    Path runDir = null;
    for (int attempt = 0; runDir == null; attempt++) {
      runId = RunId.next();
      try {
        runDir = store.create(runId);
      } catch (IOException e) {
        if (attempt >= 4) { // five ids taken in one millisecond: not a clash, a broken folder
          throw new IllegalStateException(
              "cannot create the run folder under " + store.runsDir(), e);
        }
      }
    }
    RunContext ctx = new RunContext(runId, runDir, request, StateFolder.now());
    // The run is this stage's result, so RunIdLogging cannot name it yet: its first lines do.
    MDC.put(RunIdLogging.KEY, runId);
    try {
      LOG.info(
          "run {} started: {} {}{}",
          ctx.runId(),
          request.purpose().id(),
          request.file(),
          request.dryRun() ? " (dry run)" : "");
      PlainHttpWarning.of(config.titan().baseUrl())
          .ifPresent(
              warning -> {
                LOG.warn(warning);
                ctx.notes().add(warning);
              });
    } finally {
      MDC.remove(RunIdLogging.KEY);
    }
    return ctx;
  }

  /**
   * Stage lock: but for a dry run, the room check and the run lock. One run at a time per setup; a
   * dry run writes nothing to Titan nor to the state the next run is compared with, so it goes
   * ahead beside a real run without the lock.
   */
  public RunContext lock(RunContext ctx) throws IOException, RunLock.Busy {
    if (!ctx.request().dryRun()) {
      store.checkRoom(config.sync().minFreeMb());
      ctx.lock(
          store.lock(
              ctx.runId(),
              Duration.ofSeconds(config.sync().lockWaitSeconds()),
              holder ->
                  LOG.warn(
                      "run {} waits up to {} s for another run to end ({})",
                      ctx.runId(),
                      config.sync().lockWaitSeconds(),
                      holder)));
    }
    return ctx;
  }

  /** Releases the run's lock, if it holds it; safe to call twice. */
  public void release(RunContext ctx) {
    if (ctx != null) {
      ctx.releaseLock();
    }
  }
}
