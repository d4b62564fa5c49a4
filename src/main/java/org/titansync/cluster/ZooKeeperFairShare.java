package org.titansync.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the districts over the processes of a ZooKeeper ensemble: an election keeps its leader
 * until it goes, so the first process up would lead every district. At each {@link #rebalance}, a
 * process leading more than its share (the districts divided by the processes, rounded up) gives
 * the surplus up: it stops the district's routes and starts them again, so that it leaves the
 * election (its view is released by the last route) and joins it again at the back of the queue,
 * and the next process in line leads it. The districts it gives up are the last by name, so that
 * two processes over their share do not trade the same ones.
 *
 * <p>Not by stopping and starting the view itself: camel-zookeeper 4.17.0 then leaves the election
 * without telling the view's listeners, so the master: routes here go on running while the next
 * process runs them too (ZooKeeperLeadershipTest saw three processes on one district).
 *
 * <p><b>Not in use.</b> Restarting the routes did not mend it: ZooKeeperLeadershipTest still saw a
 * district run by the process that gave it up and by the next one at once. Until a hand-over is
 * shown safe, {@code run --districts} does not spread ZooKeeper districts (docs/operations.md).
 */
public final class ZooKeeperFairShare {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperFairShare.class);

  private final CamelClusterService service;
  private final Consumer<String> restartRoutes;

  /**
   * @param restartRoutes stops every route of a namespace (a district) here and starts them again
   */
  public ZooKeeperFairShare(CamelClusterService service, Consumer<String> restartRoutes) {
    this.service = service;
    this.restartRoutes = restartRoutes;
  }

  /**
   * One look at the districts in {@code namespaces} whose routes run here: gives up the surplus.
   *
   * @return the namespaces given up
   */
  public List<String> rebalance(Collection<String> namespaces) {
    Set<String> members = new HashSet<>();
    List<String> led = new ArrayList<>();
    for (String namespace : namespaces) {
      if (!service.getNamespaces().contains(namespace)) {
        continue;
      }
      try {
        CamelClusterView view = service.getView(namespace);
        try {
          for (CamelClusterMember member : view.getMembers()) {
            members.add(member.getId());
          }
          if (view.getLocalMember().isLeader()) {
            led.add(namespace);
          }
        } finally {
          service.releaseView(view);
        }
      } catch (Exception e) {
        LOG.debug("no view of {} yet: {}", namespace, e.toString());
      }
    }
    if (members.isEmpty()) {
      return List.of();
    }
    int share = (namespaces.size() + members.size() - 1) / members.size();
    if (led.size() <= share) {
      return List.of();
    }
    led.sort(null);
    List<String> surplus = List.copyOf(led.subList(share, led.size()));
    for (String namespace : surplus) {
      try {
        restartRoutes.accept(namespace);
      } catch (RuntimeException e) {
        LOG.warn("could not give up district {}: {}", namespace, e.toString());
      }
    }
    LOG.info(
        "leading {} districts among {} processes (share {}): gave up {}",
        led.size(),
        members.size(),
        share,
        surplus);
    return surplus;
  }
}
