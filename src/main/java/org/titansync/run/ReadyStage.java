package org.titansync.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;

/**
 * Stage ready of routes/sync.camel.yaml: says what was planned; checks the room again before a run
 * that writes.
 */
public final class ReadyStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyStage.class);

  private final SyncConfig config;
  private final RunStore store;

  public ReadyStage(SyncConfig config, RunStore store) {
    this.config = config;
    this.store = store;
  }

  /** Stage ready. */
  public RunContext ready(RunContext ctx) {
    if (!Stage.recording(ctx)) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          LOG.info(
              "run {} planned {} changes, {} row errors, {} conflicts{}",
              ctx.runId(),
              ctx.plan().changes().size(),
              ctx.plan().errors().size(),
              ctx.plan().conflicts().size(),
              ctx.held() ? "; held: " + String.join(" ", ctx.holdReasons()) : "");
          if (ctx.isShouldApply()) {
            store.checkRoom(config.sync().minFreeMb()); // again: planning may have filled the disk
          }
        });
  }
}
