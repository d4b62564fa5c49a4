package org.titansync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.MemoryRead;
import org.titansync.run.PlanningInput;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;

/**
 * Stage read-memory of routes/sync.camel.yaml (route plan-file): titan-sync's memory of the run's
 * Titan (what it owns there, who is missing since when), read beside the export and Titan. It needs
 * neither, and for a large district it is a file of megabytes: read after Titan's last page, it was
 * most of the time a run spent beyond paging.
 */
public final class ReadMemoryStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadMemoryStage.class);

  private final RunSettings settings;
  private final StateFolder store;

  public ReadMemoryStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage read-memory. Never throws: a memory that cannot be read holds the run whole. */
  public void read(PlanningInput reads) {
    // The one-shot sync's read ahead runs before its run has an id: stage plan says its error.
    reads.memory(reads.isAhead() ? readQuietly() : remember());
  }

  /**
   * What titan-sync remembers of the run's Titan, and an error line when it cannot be read. Then
   * the run plans as if titan-sync owned nothing there and nobody was missing before, and the
   * guardrails hold it whole.
   */
  MemoryRead remember() {
    MemoryRead memory = readQuietly();
    logUnreadable(memory);
    return memory;
  }

  /** The error line of a memory that could not be read; nothing for one that was read. */
  static void logUnreadable(MemoryRead memory) {
    if (!memory.readable()) {
      LOG.error("{}", memory.unreadable());
    }
  }

  private MemoryRead readQuietly() {
    try {
      return settings.memory(store).read();
    } catch (WindowLedger.Unreadable e) {
      return MemoryRead.unreadable(e.getMessage());
    } catch (RuntimeException e) {
      return MemoryRead.unreadable(
          "titan-sync's memory of its Titan could not be read (" + e + ")");
    }
  }
}
