package org.titansync.pipeline;

import org.titansync.config.SyncConfig;
import org.titansync.plan.TitanPort;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunInput;
import org.titansync.store.StateFolder;

/**
 * The one-shot sync's reads, started before logging and Camel start so that their start-up overlaps
 * the reads: the same three stages as the route's read multicast (read-export, read-titan,
 * read-memory), each on a thread of its own. Stage reads takes them when no other run wrote to
 * Titan since they started (docs/architecture.md, "Reading the file and Titan side by side").
 */
public final class ReadAhead {
  private ReadAhead() {}

  /** Starts reading {@code input} and Titan through {@code titan}; returns where they meet. */
  public static PlanningInput start(SyncConfig config, TitanPort titan, RunInput input) {
    RunSettings settings = new RunSettings(config);
    PlanningInput reads = new PlanningInput(input, true);
    StateFolder store = StateFolder.of(config.paths());
    ReadExportStage export = new ReadExportStage(settings, store);
    ReadTitanStage titanRead = new ReadTitanStage(settings, titan);
    ReadMemoryStage memory = new ReadMemoryStage(settings, store);
    daemon("titan-sync-read-export", () -> export.read(reads));
    daemon("titan-sync-read-titan", () -> titanRead.read(reads));
    daemon("titan-sync-read-memory", () -> memory.read(reads));
    return reads;
  }

  // Daemon threads: a read still going when the command ends never keeps the JVM alive.
  private static void daemon(String name, Runnable read) {
    Thread t = new Thread(read, name);
    t.setDaemon(true);
    t.start();
  }
}
