package org.titansync.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the districts' routes as soon as this process's ZooKeeper connection is SUSPENDED or LOST,
 * and starts them again once it is RECONNECTED. camel-zookeeper 4.17.0 may let a leader cut off
 * from the ensemble keep leading (CAMEL-24457) while the ensemble has already let another process
 * lead: stopping at SUSPENDED, before the session can expire, means this process has stopped before
 * another one can start. The run lock in each district's state folder still fences a run in flight.
 */
public final class ZooKeeperConnectionGuard implements ConnectionStateListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperConnectionGuard.class);

  private final Consumer<Boolean> routesRunning;
  // Route stops wait for their exchanges: never on Curator's own event thread.
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "titan-zookeeper-guard");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean connected = true;

  /**
   * @param routesRunning told {@code false} to stop every district's routes, {@code true} to start
   *     them again
   */
  public ZooKeeperConnectionGuard(Consumer<Boolean> routesRunning) {
    this.routesRunning = routesRunning;
  }

  /** Listens to {@code curator}'s connection. */
  public void watch(CuratorFramework curator) {
    curator.getConnectionStateListenable().addListener(this);
  }

  @Override
  public void stateChanged(CuratorFramework client, ConnectionState state) {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      if (connected) {
        connected = false;
        LOG.warn("ZooKeeper connection {}: stopping every district's routes here", state);
        // Told at once, so that whoever asks sees it before the stop is done.
        worker.execute(() -> routesRunning.accept(false));
      }
    } else if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
      if (!connected) {
        connected = true;
        LOG.info("ZooKeeper connection {}: districts' routes start again", state);
        worker.execute(() -> routesRunning.accept(true));
      }
    }
  }

  /** Whether the connection is up as far as this guard was told. */
  public boolean connected() {
    return connected;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
