package org.titansync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.cluster.ClusterNodes.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.titansync.config.DistrictsSettings;

/**
 * {@code districts.cluster = "zookeeper"} against an in-process ensemble of three (curator-test):
 * three processes in one JVM over twelve districts, spread by {@link ZooKeeperFairShare} and each
 * guarded by {@link ZooKeeperConnectionGuard} as DistrictsHost wires it, with a short session (3 s)
 * and retry (1 s). Each process talks to one server of its own, so that one process alone can be
 * cut off. Throughout, what runs (the routes' beats) and what each view says (sampled every 20 ms)
 * are checked for a district on two processes at once.
 */
class ZooKeeperLeadershipTest {
  private static final List<String> DISTRICTS =
      IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("d%02d", i)).toList();
  private static final List<String> PROCESSES = List.of("zk-a", "zk-b", "zk-c");

  private TestingCluster ensemble;
  private List<InstanceSpec> servers;
  private final ClusterNodes nodes = new ClusterNodes(DISTRICTS);
  private final List<ZooKeeperConnectionGuard> guards = new ArrayList<>();

  @BeforeEach
  void startEnsemble() throws Exception {
    List<InstanceSpec> specs = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      // A short tick, so that a 3 s session is allowed (2 to 20 ticks).
      specs.add(new InstanceSpec(null, -1, -1, -1, true, id, 250, 100));
    }
    ensemble = new TestingCluster(specs);
    ensemble.start();
    servers = specs;
    nodes.watchLeaders(20);
  }

  @AfterEach
  void stop() throws Exception {
    guards.forEach(ZooKeeperConnectionGuard::close);
    nodes.close();
    ensemble.close();
  }

  @Test
  void twelveDistrictsSpreadFourFourFourAndAStoppedProcesssDistrictsSpreadSixSix()
      throws Exception {
    start("zk-a");
    nodes.awaitSpread(Map.of("zk-a", 12), Duration.ofSeconds(15));

    // The first process up leads every election; the fair share hands districts to the others.
    long joined = System.nanoTime();
    start("zk-b");
    start("zk-c");
    nodes.awaitSpread(Map.of("zk-a", 4, "zk-b", 4, "zk-c", 4), Duration.ofSeconds(20));
    System.out.printf(
        "zookeeper spread: twelve districts 4/4/4 over three processes %d ms after two joined the"
            + " first: %s%n",
        (System.nanoTime() - joined) / 1_000_000, nodes.running());

    long stopped = System.nanoTime();
    nodes.stop("zk-a");
    await(
        "every district run again, by the two others",
        Duration.ofSeconds(15),
        () ->
            !nodes.running().containsKey("zk-a")
                && nodes.running().values().stream().mapToInt(Set::size).sum() == 12,
        () -> "running: " + nodes.running());
    Duration failover = Duration.ofNanos(System.nanoTime() - stopped);
    nodes.awaitSpread(Map.of("zk-b", 6, "zk-c", 6), Duration.ofSeconds(15));
    Duration spread = Duration.ofNanos(System.nanoTime() - stopped);
    System.out.printf(
        "zookeeper failover (zk-a stopped): every district led again after %d ms, spread 6/6"
            + " after %d ms%n",
        failover.toMillis(), spread.toMillis());
    assertTrue(failover.compareTo(Duration.ofSeconds(5)) < 0, "took " + failover);
    assertEquals(List.of(), nodes.overlaps(), "no district ran on two processes at once");
    assertEquals(List.of(), nodes.doubleLeaders(), "no district led by two processes at once");
  }

  @Test
  void aLeaderCutOffStopsItsRoutesBeforeAnotherProcessStartsThem() throws Exception {
    startAll();
    String cutOff = busiest();
    Set<String> ledByA = Set.copyOf(nodes.running().get(cutOff));

    // The leader's only server goes: its connection is SUSPENDED, then LOST; the two others keep
    // the ensemble's quorum and, once its session expires, elect new leaders for its districts.
    long cut = System.nanoTime();
    ensemble.killServer(servers.get(PROCESSES.indexOf(cutOff)));
    await(
        cutOff + "'s districts run by the others",
        Duration.ofSeconds(30),
        () -> {
          java.util.Map<String, Set<String>> running = nodes.running();
          return ledByA.stream()
              .allMatch(
                  d ->
                      running.entrySet().stream()
                          .anyMatch(e -> !e.getKey().equals(cutOff) && e.getValue().contains(d)));
        });
    Duration failover = Duration.ofNanos(System.nanoTime() - cut);
    long lastOnA = 0;
    long firstElsewhere = Long.MAX_VALUE;
    for (String district : ledByA) {
      lastOnA = Math.max(lastOnA, nodes.lastBeat(district, cutOff));
      firstElsewhere = Math.min(firstElsewhere, nodes.firstBeatAfter(district, cut, cutOff));
    }
    System.out.printf(
        "zookeeper failover (%s, leading %d, cut off): its last beat %d ms after the cut, the"
            + " first elsewhere %d ms after it, all of its districts led again after %d ms%n",
        cutOff,
        ledByA.size(),
        (lastOnA - cut) / 1_000_000,
        (firstElsewhere - cut) / 1_000_000,
        failover.toMillis());
    assertTrue(lastOnA < firstElsewhere, cutOff + " stopped before another process started");
    assertEquals(List.of(), nodes.overlaps(), "no district ran on two processes at once");
    assertEquals(List.of(), nodes.doubleLeaders(), "no district led by two processes at once");
  }

  /** The process running the most districts now. */
  private String busiest() {
    return nodes.running().entrySet().stream()
        .max(java.util.Comparator.comparingInt(e -> e.getValue().size()))
        .orElseThrow()
        .getKey();
  }

  private void startAll() throws Exception {
    for (String id : PROCESSES) {
      start(id);
    }
    nodes.awaitSpread(Map.of("zk-a", 4, "zk-b", 4, "zk-c", 4), Duration.ofSeconds(20));
  }

  /** One process, talking to a server of its own, guarded as DistrictsHost.begin guards it. */
  private void start(String id) throws Exception {
    InstanceSpec server = servers.get(PROCESSES.indexOf(id));
    DistrictsSettings settings =
        new DistrictsSettings(
            4,
            60,
            DistrictsSettings.Cluster.ZOOKEEPER,
            3,
            2,
            1,
            "",
            id,
            "127.0.0.1:" + server.getPort(),
            "/titan-sync");
    Leadership leadership = Leadership.of(settings, Path.of("unused"), id, null);
    nodes.start(id, leadership);
    ZooKeeperConnectionGuard guard =
        new ZooKeeperConnectionGuard(run -> nodes.routesRunning(id, run));
    guard.watch(leadership.zookeeper().getCuratorFramework());
    guards.add(guard);
  }
}
