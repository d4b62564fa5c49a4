package org.titansync.config;

import java.util.List;

/** Reads {@code [districts]} (used by {@code run --districts} only). */
final class DistrictsSection {
  private DistrictsSection() {}

  static DistrictsSettings read(ConfigReader reader) {
    DistrictsSettings.Cluster cluster =
        reader.word(
            "districts",
            "cluster",
            DistrictsSettings.Cluster.FILE,
            DistrictsSettings.Cluster.class);
    int lease = reader.integer("districts", "lease_seconds", 15, 2, 3_600);
    int renew = reader.integer("districts", "renew_seconds", 10, 1, 3_600);
    int retry = reader.integer("districts", "retry_seconds", 2, 1, 3_600);
    // The Lease's rules: a leader renews well before its claim runs out, and tries more than once.
    if (renew >= lease) {
      reader.problem(
          List.of("districts", "renew_seconds"),
          "must be less than districts.lease_seconds (" + lease + "), got " + renew);
    }
    if (retry >= renew) {
      reader.problem(
          List.of("districts", "retry_seconds"),
          "must be less than districts.renew_seconds (" + renew + "), got " + retry);
    }
    String nodes = reader.string("districts", "zookeeper_nodes", "").strip();
    if (cluster == DistrictsSettings.Cluster.ZOOKEEPER && nodes.isEmpty()) {
      reader.problem(
          List.of("districts", "cluster"),
          "is \"zookeeper\": set districts.zookeeper_nodes to the ensemble (host:port,...)");
    }
    String basePath = reader.string("districts", "zookeeper_base_path", "/titan-sync").strip();
    if (!basePath.startsWith("/") || (basePath.endsWith("/") && basePath.length() > 1)) {
      reader.problem(
          List.of("districts", "zookeeper_base_path"),
          "must be an absolute ZooKeeper path such as /titan-sync, got \"" + basePath + "\"");
      basePath = "/titan-sync";
    }
    return new DistrictsSettings(
        reader.integer("districts", "concurrency", 8, 1, 256),
        reader.integer("districts", "rescan_seconds", 10, 1, 3_600),
        cluster,
        lease,
        renew,
        retry,
        reader.string("districts", "kubernetes_namespace", "").strip(),
        reader.string("districts", "pod_name", "").strip(),
        nodes,
        basePath);
  }
}
