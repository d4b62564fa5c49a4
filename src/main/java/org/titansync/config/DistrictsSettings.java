package org.titansync.config;

import java.util.Objects;

/**
 * {@code [districts]}: how {@code titan-sync run --districts DIR} serves many districts in one
 * process and shares them with other processes (docs/operations.md, "Many districts").
 *
 * @param concurrency runs of different districts at once, at most; the others wait their turn in
 *     the order they asked
 * @param rescanSeconds how often the districts folder is read again for districts added, removed or
 *     changed
 * @param cluster who leads each district: {@code file} (a lock file per district, for processes
 *     sharing one folder), {@code kubernetes} (a Lease per district) or {@code zookeeper}
 * @param leaseSeconds how long a leader's claim lasts without renewal (a Kubernetes Lease's
 *     duration, ZooKeeper's session timeout, the file lock's failover time); also how long a
 *     district may go without a leader before liveness fails
 * @param renewSeconds the Kubernetes leader's renew deadline: it gives a district up when it could
 *     not renew for this long
 * @param retrySeconds how often leases are renewed or tried, and districts rebalanced
 * @param kubernetesNamespace where the Leases and the pods live; empty: the pod's own namespace
 * @param podName this process's pod; empty: the HOSTNAME variable (a pod's name)
 * @param zookeeperNodes the ensemble, {@code host:port,host:port,...}
 * @param zookeeperBasePath the ZooKeeper node under which each district has its election
 */
public record DistrictsSettings(
    int concurrency,
    int rescanSeconds,
    Cluster cluster,
    int leaseSeconds,
    int renewSeconds,
    int retrySeconds,
    String kubernetesNamespace,
    String podName,
    String zookeeperNodes,
    String zookeeperBasePath) {

  /** {@code districts.cluster}. */
  public enum Cluster {
    FILE,
    KUBERNETES,
    ZOOKEEPER
  }

  public DistrictsSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(kubernetesNamespace, "kubernetesNamespace");
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(zookeeperNodes, "zookeeperNodes");
    Objects.requireNonNull(zookeeperBasePath, "zookeeperBasePath");
  }
}
