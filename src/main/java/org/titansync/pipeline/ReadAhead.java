package org.titansync.pipeline;

import org.titansync.config.SyncConfig;
import org.titansync.plan.TitanPort;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunInput;
import org.titansync.store.StateFolder;

/**
 * The one-shot sync's reads, started before logging and Camel start so that their start-up overlaps
 * the reads: the same three stages as the route's read multicast (read-export, read-titan,
 * read-memory). Titan's read has a thread of its own; the memory and then the export share a second
 * one: both only spend CPU, and on a small machine, run side by side while Camel starts on the main
 * thread, they slowed Titan's first seconds of paging (a 100,000-person no-op took about 0.6 s
 * longer). Stage reads takes them when no other run wrote to Titan since they started
 * (docs/architecture.md, "Reading the file and Titan side by side").
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
    daemon("titan-sync-read-titan", () -> titanRead.read(reads));
    daemon(
        "titan-sync-read-files",
        () -> {
          memory.read(reads);
          export.read(reads);
        });
    return reads;
  }

  // Daemon threads: a read still going when the command ends never keeps the JVM alive.
  private static void daemon(String name, Runnable read) {
    Thread t = new Thread(read, name);
    t.setDaemon(true);
    t.start();
  }
}
