package org.titansync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.cluster.ClusterNodes.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.titansync.config.DistrictsSettings;

/**
 * {@code districts.cluster = "kubernetes"} against an in-process Kubernetes API (fabric8's mock
 * server, CRUD mode): three processes in one JVM, each its own pod with the deployment's labels,
 * over twelve districts, with a short lease (3 s, renew 2 s, retry 1 s).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeadershipTest {
  private static final String NAMESPACE = "test";
  private static final List<String> DISTRICTS =
      IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("d%02d", i)).toList();

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final ClusterNodes nodes = new ClusterNodes(DISTRICTS);

  @AfterEach
  void stop() {
    nodes.close();
    client.pods().inNamespace(NAMESPACE).delete();
    client.leases().inNamespace(NAMESPACE).delete();
  }

  @Test
  void twelveDistrictsSpreadFourFourFourAndAStoppedPodsDistrictsMove() throws Exception {
    for (String pod : List.of("pod-a", "pod-b", "pod-c")) {
      readyPod(pod);
    }
    for (String pod : List.of("pod-a", "pod-b", "pod-c")) {
      nodes.start(pod, leadership(pod));
    }
    nodes.awaitSpread(Map.of("pod-a", 4, "pod-b", 4, "pod-c", 4), Duration.ofSeconds(60));
    assertTrue(nodes.running().get("pod-c").size() == 4, nodes.running().toString());

    // pod-c dies: its process stops, and Kubernetes takes its Pod out of the deployment's.
    long stopped = System.nanoTime();
    nodes.stop("pod-c");
    client.pods().inNamespace(NAMESPACE).withName("pod-c").delete();
    await(
        "every district run again, by pod-a or pod-b",
        Duration.ofSeconds(30),
        () ->
            nodes.running().keySet().equals(java.util.Set.of("pod-a", "pod-b"))
                && nodes.running().values().stream().mapToInt(java.util.Set::size).sum() == 12);
    Duration failover = Duration.ofNanos(System.nanoTime() - stopped);
    nodes.awaitSpread(Map.of("pod-a", 6, "pod-b", 6), Duration.ofSeconds(30));
    Duration spread = Duration.ofNanos(System.nanoTime() - stopped);
    System.out.printf(
        "kubernetes failover (lease 3 s, retry 1 s): every district led again after %d ms,"
            + " spread 6/6 after %d ms%n",
        failover.toMillis(), spread.toMillis());
    // Its Pod gone, pod-c leads nothing: a survivor takes each district at its next try
    // (retry 1 s, jitter 1.2), once the rebalancer has let it (its period is the retry), and
    // waits one lease (3 s) before it runs it. Measured here: about 6 s; bound with slack for a
    // busy machine.
    Duration bound = Duration.ofSeconds(3).plus(Duration.ofMillis(4 * 1_200)).plusSeconds(2);
    assertTrue(failover.compareTo(bound) < 0, "took " + failover);
    assertEquals(List.of(), nodes.overlaps(), "no district ran on two pods at once");
  }

  @Test
  void aFailedRenewalLeavesItsDistrictLeaderlessAndLivenessFails() throws Exception {
    for (String pod : List.of("pod-a", "pod-b", "pod-c")) {
      readyPod(pod);
    }
    for (String pod : List.of("pod-a", "pod-b", "pod-c")) {
      nodes.start(pod, leadership(pod));
    }
    nodes.awaitSpread(Map.of("pod-a", 4, "pod-b", 4, "pod-c", 4), Duration.ofSeconds(60));
    for (String pod : List.of("pod-a", "pod-b", "pod-c")) {
      assertEquals(List.of(), nodes.node(pod).leaderlessPastTheLease(), pod + "'s liveness");
    }
    String leader =
        nodes.running().entrySet().stream()
            .filter(e -> e.getValue().contains("d01"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();

    // The next renewal of d01's Lease is refused once (a conflict, as when the API server's copy
    // moved on): camel-kubernetes 4.17.0 then stops renewing it without a word (CAMEL-25209).
    server
        .expect()
        .put()
        .withPath(
            "/apis/coordination.k8s.io/v1/namespaces/"
                + NAMESPACE
                + "/leases/titan-sync-"
                + Leadership.namespace("d01"))
        .andReturn(
            409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("x").build())
        .once();
    long failed = System.nanoTime();
    await(
        "liveness of " + leader + " to name d01",
        Duration.ofSeconds(20),
        () -> nodes.node(leader).leaderlessPastTheLease().contains("d01"));
    Duration detected = Duration.ofNanos(System.nanoTime() - failed);
    System.out.printf(
        "kubernetes failed renewal detected by liveness: %d ms%n", detected.toMillis());
    assertTrue(
        nodes.running().values().stream().noneMatch(led -> led.contains("d01")),
        "d01 runs nowhere: " + nodes.running());
    assertEquals(List.of(), nodes.overlaps(), "no district ran on two pods at once");
  }

  private static void readyPod(String name) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(Leadership.POD_LABELS)
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    client.pods().inNamespace(NAMESPACE).resource(pod).create();
  }

  private static Leadership leadership(String pod) {
    DistrictsSettings settings =
        new DistrictsSettings(
            4, 60, DistrictsSettings.Cluster.KUBERNETES, 3, 2, 1, NAMESPACE, pod, "", "");
    return Leadership.of(settings, Path.of("unused"), pod, client.getMasterUrl().toString());
  }
}
