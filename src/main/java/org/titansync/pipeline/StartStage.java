package org.titansync.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunContext;
import org.titansync.run.RunId;
import org.titansync.run.SyncRequest;
import org.titansync.store.StateFolder;
import org.titansync.titan.TitanClient;

/**
 * Stage start of routes/sync.camel.yaml, and release: the run folder; for a run that writes, the
 * room check and the run lock, held until the run ends.
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
   * Stage start: the run folder, then (but for a dry run) the room check and the run lock, and the
   * warning about a plain-http Titan elsewhere.
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
    return Stage.run(
        ctx,
        () -> {
          LOG.info(
              "run {} started: {} {}{}",
              ctx.runId(),
              request.purpose().id(),
              request.file(),
              request.dryRun() ? " (dry run)" : "");
          if (!request.dryRun()) {
            // One run at a time per setup. A dry run writes nothing to Titan nor to the state the
            // next run is compared with, so it goes ahead beside a real run without the lock.
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
          if (!config.titan().baseUrl().isEmpty()) {
            TitanClient.plainTextWarning(config.titan().baseUrl())
                .ifPresent(
                    warning -> {
                      LOG.warn(warning);
                      ctx.notes().add(warning);
                    });
          }
        });
  }

  /**
   * Releases the run's lock, if it holds it; safe to call twice (the sync route calls it again when
   * a run ends by an exception).
   */
  public void release(RunContext ctx) {
    if (ctx != null) {
      ctx.releaseLock();
    }
  }
}
