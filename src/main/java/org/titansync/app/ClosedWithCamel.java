package org.titansync.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What a run's Camel closes when it stops, after its routes (the apply workers, the audit log, an
 * in-process sandbox): a Camel service, so that a stop by Camel's own shutdown hook (SIGTERM to
 * {@code run}) closes them too, before the hook lets the JVM end.
 */
final class ClosedWithCamel extends ServiceSupport {
  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

  void add(AutoCloseable resource) {
    resources.add(resource);
  }

  @Override
  protected void doStop() {
    closeAll();
  }

  /**
   * Closes each once, in the order added, whichever of Camel's stop and the app's close is first.
   */
  synchronized void closeAll() {
    List<AutoCloseable> toClose = List.copyOf(resources);
    resources.removeAll(toClose);
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception e) {
        // The audit log's lines are already with the operating system; a pool or a sandbox that
        // fails to close holds nothing to lose.
        org.slf4j.LoggerFactory.getLogger(ClosedWithCamel.class)
            .debug("closing after Camel stopped: {}", e.toString());
      }
    }
  }
}
