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
    reads.memory(remember());
  }

  /**
   * What titan-sync remembers of the run's Titan. When it cannot be read the run plans as if
   * titan-sync owned nothing there and nobody was missing before, and the guardrails hold it whole.
   */
  MemoryRead remember() {
    try {
      return settings.memory(store).read();
    } catch (WindowLedger.Unreadable e) {
      LOG.error("{}", e.getMessage());
      return MemoryRead.unreadable(e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("titan-sync's memory of its Titan could not be read: {}", e.toString());
      return MemoryRead.unreadable(
          "titan-sync's memory of its Titan could not be read (" + e + ")");
    }
  }
}
