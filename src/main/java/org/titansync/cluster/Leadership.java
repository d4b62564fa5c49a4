package org.titansync.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorHelper;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.titansync.config.DistrictsSettings;

/**
 * Who leads each district: one Camel cluster service per process, chosen by {@code
 * districts.cluster}, behind the {@code master:} routes of every district. Each district is its own
 * namespace ({@link #namespace}), so its own Lease, ZooKeeper election or lock file.
 *
 * <ul>
 *   <li>{@code file}: camel-file's lock files in a folder every process reaches (one pair of
 *       processes on one share, as for one district);
 *   <li>{@code kubernetes}: camel-kubernetes' Leases, wrapped in {@link
 *       RebalancingCamelClusterService} so that the districts spread evenly over the pods;
 *   <li>{@code zookeeper}: camel-zookeeper's elections, wrapped in {@link ZooKeeperFairShare} so
 *       that the districts spread over the processes (an election does not rebalance by itself),
 *       and stopped on a lost connection by {@link ZooKeeperConnectionGuard}.
 * </ul>
 */
public final class Leadership implements AutoCloseable {
  /** The pods of one deployment carry this label; Kubernetes counts them as the members. */
  public static final Map<String, String> POD_LABELS = Map.of("app", "titan-sync");

  private final DistrictsSettings settings;
  private final CamelClusterService service;
  private final ZooKeeperClusterService zookeeper;
  private final String identity;

  private Leadership(
      DistrictsSettings settings,
      CamelClusterService service,
      ZooKeeperClusterService zookeeper,
      String identity) {
    this.settings = settings;
    this.service = service;
    this.zookeeper = zookeeper;
    this.identity = identity;
  }

  /**
   * The cluster service for these settings.
   *
   * @param lockRoot the folder of the lock files ({@code file} only)
   * @param identity this process among the others: its pod's name on Kubernetes
   * @param kubernetesApi the Kubernetes API's URL, or null for the pod's own (in-cluster) settings
   */
  public static Leadership of(
      DistrictsSettings settings, Path lockRoot, String identity, String kubernetesApi) {
    long lease = settings.leaseSeconds() * 1000L;
    long retry = settings.retrySeconds() * 1000L;
    switch (settings.cluster()) {
      case KUBERNETES -> {
        // The API's URL goes in through a configuration: camel-kubernetes 4.17.0 drops
        // setMasterUrl on a service made without one (its init makes a blank configuration).
        KubernetesConfiguration api = new KubernetesConfiguration();
        api.setMasterUrl(kubernetesApi);
        KubernetesClusterService k8s = new KubernetesClusterService(api);
        k8s.setId(identity);
        k8s.setPodName(identity);
        k8s.setLeaseResourceType(LeaseResourceType.Lease);
        k8s.setKubernetesResourceName("titan-sync");
        k8s.setClusterLabels(POD_LABELS);
        k8s.setLeaseDurationMillis(lease);
        k8s.setRenewDeadlineMillis(settings.renewSeconds() * 1000L);
        k8s.setRetryPeriodMillis(retry);
        k8s.setJitterFactor(1.2);
        if (!settings.kubernetesNamespace().isEmpty()) {
          k8s.setKubernetesResourcesNamespace(settings.kubernetesNamespace());
        }
        RebalancingCamelClusterService spread = new RebalancingCamelClusterService(k8s, retry);
        spread.setId(identity);
        return new Leadership(settings, spread, null, identity);
      }
      case ZOOKEEPER -> {
        ZooKeeperCuratorConfiguration zkSettings = new ZooKeeperCuratorConfiguration();
        zkSettings.setNodes(settings.zookeeperNodes());
        zkSettings.setBasePath(settings.zookeeperBasePath());
        zkSettings.setSessionTimeout(lease, TimeUnit.MILLISECONDS);
        zkSettings.setConnectionTimeout(Math.min(lease, 5_000), TimeUnit.MILLISECONDS);
        zkSettings.setReconnectBaseSleepTime(Math.min(retry, 1_000), TimeUnit.MILLISECONDS);
        // Our own Curator client, made as camel-zookeeper makes it, handed to the service: the
        // service keeps one it makes itself where getCuratorFramework() does not show it
        // (camel-zookeeper 4.17.0), and ZooKeeperConnectionGuard must listen to that very
        // connection. Started by install, closed by close.
        CuratorFramework curator;
        try {
          curator = ZooKeeperCuratorHelper.createCurator(zkSettings);
        } catch (Exception e) {
          throw new IllegalStateException("cannot set up the ZooKeeper client: " + e, e);
        }
        zkSettings.setCuratorFramework(curator);
        ZooKeeperClusterService zk = new ZooKeeperClusterService(zkSettings);
        zk.setId(identity);
        // The election does not spread districts by itself: the fair share wraps it, and is the
        // one service the master: routes find (camel-zookeeper's is not in the context).
        ZooKeeperFairShare spread = new ZooKeeperFairShare(zk, Duration.ofMillis(retry));
        spread.setId(identity);
        return new Leadership(settings, spread, zk, identity);
      }
      default -> {
        FileLockClusterService file = new FileLockClusterService();
        file.setId(identity);
        file.setRoot(lockRoot.toAbsolutePath().toString());
        long interval = Math.max(200, lease / 3);
        file.setAcquireLockDelay(Math.min(interval, 1000), TimeUnit.MILLISECONDS);
        file.setAcquireLockInterval(interval, TimeUnit.MILLISECONDS);
        file.setHeartbeatTimeoutMultiplier(3);
        return new Leadership(settings, file, null, identity);
      }
    }
  }

  /** The namespace of a district's {@code master:} routes. */
  public static String namespace(String district) {
    return "district-" + district;
  }

  /** Adds the service to the context, before its routes start. */
  public void install(CamelContext context) throws Exception {
    if (zookeeper != null) {
      zookeeper.getCuratorFramework().start();
    }
    context.addService(service);
  }

  /** Closes what this process opened itself (the ZooKeeper client), after the context stopped. */
  @Override
  public void close() {
    if (zookeeper != null) {
      zookeeper.getCuratorFramework().close();
    }
  }

  public CamelClusterService service() {
    return service;
  }

  /** The ZooKeeper service, for its connection's listener; null on the other kinds. */
  public ZooKeeperClusterService zookeeper() {
    return zookeeper;
  }

  public DistrictsSettings settings() {
    return settings;
  }

  public String identity() {
    return identity;
  }

  /**
   * Whether another process can be seen leading a district: the {@code file} locks show only this
   * process's own leadership, so a district led elsewhere looks leaderless from here.
   */
  public boolean seesOtherLeaders() {
    return settings.cluster() != DistrictsSettings.Cluster.FILE;
  }

  /**
   * The district's leader as this process sees it, by a look at its view that leaves it as it was
   * (a view is counted by its users; one nobody uses is not started by looking).
   */
  public Optional<Seen> look(String namespace) {
    if (service instanceof ZooKeeperFairShare spread) {
      // Its views join an election when started: a look must not start one.
      return spread.peek(namespace);
    }
    if (!service.getNamespaces().contains(namespace)) {
      return Optional.empty();
    }
    try {
      CamelClusterView view = service.getView(namespace);
      try {
        Optional<CamelClusterMember> leader = view.getLeader();
        return Optional.of(
            new Seen(view.getLocalMember().isLeader(), leader.map(CamelClusterMember::getId)));
      } finally {
        service.releaseView(view);
      }
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** One look at a district's leadership: whether it is led here, and by whom if known. */
  public record Seen(boolean here, Optional<String> leader) {}
}
