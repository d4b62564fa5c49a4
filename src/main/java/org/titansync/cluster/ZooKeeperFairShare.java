package org.titansync.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-zookeeper's cluster service with the districts spread over the processes: an election keeps
 * its leader until it goes, so without this the first process up would lead every district.
 *
 * <p>Every process is a candidate in a membership election of its own ({@link #MEMBERS}), so each
 * one knows how many processes are alive. Every {@code lookEvery}, a process that leads more than
 * its share ({@link FairShare}: the districts divided by the processes, rounded up) gives the
 * surplus up: its routes for the district are told first and stop, then it withdraws from the
 * district's election and the next candidate in line is elected. It joins that election again, at
 * the back of the queue, once another process leads the district (or after a while if none took
 * it). A process below its share stays a candidate in every election. Leadership itself stays
 * camel-zookeeper's: a district's {@code master:} routes start only when its election says this
 * process leads it ({@link ZooKeeperShareView} says why no two processes lead one at once).
 *
 * <p>The wrapped service is this one's own: it is not added to the Camel context, so that the
 * {@code master:} component finds exactly one cluster service, this one.
 */
public final class ZooKeeperFairShare extends AbstractCamelClusterService<ZooKeeperShareView> {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperFairShare.class);

  /** The membership election's namespace: not a district's (those begin with "district-"). */
  static final String MEMBERS = "titan-sync-processes";

  /**
   * How long a district is led here before it may be given up: camel-master 4.17.0 starts the route
   * one second after it is told it leads (see {@link ZooKeeperShareView#settled}).
   */
  private static final long HOLD_NANOS = 3_000_000_000L;

  /** How often what the routes are told is brought in line with the elections. */
  private static final long SETTLE_MS = 100;

  private final ZooKeeperClusterService delegate;
  private final long lookEveryMs;
  private final Map<String, ZooKeeperShareView> views = new ConcurrentHashMap<>();
  private final ConnectionStateListener connection = this::connectionChanged;
  private volatile boolean connected = true;
  private ScheduledExecutorService worker;
  private ScheduledExecutorService looker;
  private CamelClusterView members;
  private int missingLooks;

  /**
   * @param delegate camel-zookeeper's service, with its Curator client
   * @param lookEvery how often the spread is looked at (ZooKeeper is read once per district)
   */
  public ZooKeeperFairShare(ZooKeeperClusterService delegate, Duration lookEvery) {
    this.delegate = delegate;
    this.lookEveryMs = Math.max(200, lookEvery.toMillis());
  }

  ZooKeeperClusterService delegate() {
    return delegate;
  }

  @Override
  protected ZooKeeperShareView createView(String namespace) {
    return views.computeIfAbsent(namespace, ns -> new ZooKeeperShareView(this, ns));
  }

  @Override
  protected void doStart() throws Exception {
    worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "titan-zookeeper-share");
              t.setDaemon(true);
              return t;
            });
    delegate.setCamelContext(getCamelContext());
    delegate.start();
    CuratorFramework curator = delegate.getCuratorFramework();
    curator.getConnectionStateListenable().addListener(connection);
    connected = curator.getZookeeperClient().isConnected();
    members = delegate.getView(MEMBERS);
    var unused1 =
        worker.scheduleWithFixedDelay(this::settleAll, SETTLE_MS, SETTLE_MS, TimeUnit.MILLISECONDS);
    looker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "titan-zookeeper-look");
              t.setDaemon(true);
              return t;
            });
    var unused2 =
        looker.scheduleWithFixedDelay(
            this::rebalance, lookEveryMs, lookEveryMs, TimeUnit.MILLISECONDS);
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    looker.shutdownNow();
    super.doStop();
    // Routes told first, candidacies withdrawn after, all on the worker as every change is.
    worker
        .submit(
            () -> {
              for (ZooKeeperShareView view : views.values()) {
                try {
                  view.leave();
                } catch (Exception e) {
                  LOG.warn("could not leave {}: {}", view.getNamespace(), e.toString());
                }
              }
              return null;
            })
        .get(30, TimeUnit.SECONDS);
    worker.shutdownNow();
    delegate.getCuratorFramework().getConnectionStateListenable().removeListener(connection);
    delegate.releaseView(members);
    delegate.stop();
  }

  /**
   * The district's leadership as last seen here, without asking ZooKeeper and without starting a
   * view nobody uses: what liveness and readiness look at.
   */
  public Optional<Leadership.Seen> peek(String namespace) {
    ZooKeeperShareView view = views.get(namespace);
    if (view == null || !view.wanted()) {
      return Optional.empty();
    }
    return Optional.of(new Leadership.Seen(view.led(), view.leaderSeen()));
  }

  boolean connected() {
    return connected;
  }

  /** Asks the worker to bring one view in line soon (an election or the view changed). */
  void settleSoon(ZooKeeperShareView view) {
    ScheduledExecutorService w = worker;
    if (w != null && !w.isShutdown()) {
      try {
        w.execute(() -> settle(view, System.nanoTime()));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopping: doStop leaves every election
      }
    }
  }

  private void connectionChanged(CuratorFramework client, ConnectionState state) {
    connected = state.isConnected();
    // A SUSPENDED connection drops every district here at once (CAMEL-24457): see the view.
    views.values().forEach(this::settleSoon);
  }

  private void settleAll() {
    long now = System.nanoTime();
    views.values().forEach(view -> settle(view, now));
  }

  private void settle(ZooKeeperShareView view, long now) {
    try {
      view.settle(now, connected, graceNanos(), rejoinNanos());
    } catch (Exception e) {
      LOG.warn("district view {}: {}", view.getNamespace(), e.toString());
    }
  }

  /**
   * One look at every district's election and at the members, on the looking thread (ZooKeeper is
   * read); what to give up is then decided and done on the worker, with its own fresh state.
   */
  private void rebalance() {
    if (!connected) {
      return;
    }
    try {
      List<FairShare.Election> elections = new ArrayList<>();
      for (ZooKeeperShareView view : views.values()) {
        view.readElection().ifPresent(elections::add);
      }
      Set<String> processes = new TreeSet<>();
      members.getMembers().stream().map(CamelClusterMember::getId).forEach(processes::add);
      if (elections.isEmpty()) {
        return;
      }
      worker.execute(() -> giveUpSurplus(elections, processes));
    } catch (RuntimeException e) {
      LOG.debug("no look at the spread: {}", e.toString());
    }
  }

  private void giveUpSurplus(List<FairShare.Election> elections, Set<String> seenMembers) {
    try {
      long now = System.nanoTime();
      standInMembership(seenMembers.contains(getId()));
      Set<String> processes = new TreeSet<>(seenMembers);
      processes.add(getId());
      Set<String> ledHere = new TreeSet<>();
      Set<String> settled = new TreeSet<>();
      for (FairShare.Election election : elections) {
        ZooKeeperShareView view = views.get(election.namespace());
        view.standAgainIfMissing(election, now, lookEveryMs * 2_000_000L);
        if (view.led()) {
          ledHere.add(election.namespace());
        }
        if (view.settled(now, HOLD_NANOS)) {
          settled.add(election.namespace());
        }
      }
      if (!connected) {
        return;
      }
      List<String> surplus =
          FairShare.surplus(getId(), elections, ledHere, settled, processes.size());
      for (String namespace : surplus) {
        views.get(namespace).giveUp(now);
      }
      if (!surplus.isEmpty()) {
        LOG.info(
            "leading {} of {} districts among {} processes (share {}): gave up {}",
            ledHere.size(),
            elections.size(),
            processes.size(),
            FairShare.share(elections.size(), processes.size()),
            surplus);
      }
    } catch (Exception e) {
      LOG.warn("could not spread the districts: {}", e.toString());
    }
  }

  /**
   * Puts this process back among the members when it has been missing from two looks in a row: a
   * candidacy ends with its session, and camel-zookeeper does not stand again by itself. Without it
   * the others would count one process fewer and take more than their share.
   */
  private void standInMembership(boolean present) throws Exception {
    if (present) {
      missingLooks = 0;
    } else if (++missingLooks >= 2) {
      LOG.info("this process is missing from the ZooKeeper members: standing again");
      delegate.stopView(MEMBERS);
      delegate.startView(MEMBERS);
      missingLooks = 0;
    }
  }

  /** How long a view nobody uses keeps its candidacy: its route's consumer stops meanwhile. */
  private long graceNanos() {
    return 500_000_000L;
  }

  /** How long a district given up waits for another process before this one stands again. */
  private long rejoinNanos() {
    return lookEveryMs * 3_000_000L;
  }
}
