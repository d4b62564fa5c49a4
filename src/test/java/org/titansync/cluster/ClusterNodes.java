package org.titansync.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Processes of one deployment in one JVM, for the leadership tests: each a Camel context of its own
 * with its {@link Leadership} and, per district, a {@code master:} route in the district's
 * namespace (as routes/district.camel.yaml) whose timer beats while this process leads it. Who runs
 * a district is read from the beats, so two processes running one district at once show.
 */
final class ClusterNodes implements AutoCloseable {
  /** A route beats this often while it runs. */
  static final long BEAT_MS = 100;

  /** A process whose route beat within this long runs the district. */
  static final long RUNNING_MS = 600;

  private final List<String> districts;
  private final Map<String, Node> nodes =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());

  /** district -> node -> the first beat's time (nanos) of each stretch of beats. */
  private final Map<String, Map<String, List<Long>>> starts = new ConcurrentHashMap<>();

  /** district -> node -> the last beat's time (nanos), and the overlaps seen. */
  private final Map<String, Map<String, Long>> beats = new ConcurrentHashMap<>();

  private final List<String> overlaps = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> doubleLeaders =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> watchers = new ArrayList<>();

  ClusterNodes(List<String> districts) {
    this.districts = List.copyOf(districts);
    districts.forEach(d -> beats.put(d, new ConcurrentHashMap<>()));
  }

  /** One process: its context, its leadership, and its watch over the districts' leaders. */
  record Node(String id, DefaultCamelContext context, Leadership leadership, LeaderWatch watch) {
    /** What liveness says (as DistrictsHost): districts leaderless for longer than the lease. */
    List<String> leaderlessPastTheLease() {
      watch.look(namespaces(leadership));
      return watch.leaderless(Duration.ofSeconds(leadership.settings().leaseSeconds()));
    }

    private static Map<String, String> namespaces(Leadership leadership) {
      Map<String, String> all = new TreeMap<>();
      for (String namespace : leadership.service().getNamespaces()) {
        all.put(namespace.substring("district-".length()), namespace);
      }
      return all;
    }
  }

  Node start(String id, Leadership leadership) throws Exception {
    DefaultCamelContext context = new DefaultCamelContext();
    context.getCamelContextExtension().setName(id);
    leadership.install(context);
    context.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            for (String district : districts) {
              from("master:"
                      + Leadership.namespace(district)
                      + ":timer:"
                      + id
                      + "-"
                      + district
                      + "?period="
                      + BEAT_MS)
                  .routeId(id + "-" + district)
                  .process(e -> beat(district, id));
            }
          }
        });
    context.start();
    Node node = new Node(id, context, leadership, new LeaderWatch(leadership, System::nanoTime));
    nodes.put(id, node);
    return node;
  }

  /** Stops or starts again every district route of one process (ZooKeeperConnectionGuard's). */
  void routesRunning(String id, boolean run) {
    Node node = nodes.get(id);
    for (String district : districts) {
      try {
        if (run) {
          node.context().getRouteController().startRoute(id + "-" + district);
        } else {
          node.context().getRouteController().stopRoute(id + "-" + district);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The last beat of {@code node} for {@code district}, in nanos; 0 when it never beat. */
  long lastBeat(String district, String node) {
    return beats.get(district).getOrDefault(node, 0L);
  }

  Node node(String id) {
    return nodes.get(id);
  }

  /** Stops a process as a crash would end its work: its context and views, nothing yielded. */
  void stop(String id) {
    Node node = nodes.remove(id);
    if (node != null) {
      node.context().stop();
      node.leadership().close();
    }
  }

  private void beat(String district, String node) {
    long now = System.nanoTime();
    Map<String, Long> last = beats.get(district);
    for (Map.Entry<String, Long> other : last.entrySet()) {
      if (!other.getKey().equals(node) && now - other.getValue() < BEAT_MS * 1_000_000L) {
        // Another process beat for this district less than one period ago: both run it.
        overlaps.add(district + " on " + node + " and " + other.getKey());
      }
    }
    Long previous = last.put(node, now);
    if (previous == null || now - previous > RUNNING_MS * 1_000_000L) {
      starts
          .computeIfAbsent(district, d -> new ConcurrentHashMap<>())
          .computeIfAbsent(node, n -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(now);
    }
  }

  /** The first time after {@code since} another process than {@code but} began to run it. */
  long firstBeatAfter(String district, long since, String but) {
    long first = Long.MAX_VALUE;
    for (Map.Entry<String, List<Long>> e : starts.getOrDefault(district, Map.of()).entrySet()) {
      if (e.getKey().equals(but)) {
        continue;
      }
      synchronized (e.getValue()) {
        for (long at : e.getValue()) {
          if (at > since) {
            first = Math.min(first, at);
          }
        }
      }
    }
    return first;
  }

  /** The districts each process runs now (by recent beats), by process. */
  Map<String, Set<String>> running() {
    long now = System.nanoTime();
    Map<String, Set<String>> byNode = new TreeMap<>();
    beats.forEach(
        (district, last) ->
            last.forEach(
                (node, at) -> {
                  if (now - at < RUNNING_MS * 1_000_000L) {
                    byNode.computeIfAbsent(node, n -> new TreeSet<>()).add(district);
                  }
                }));
    return byNode;
  }

  /** How many districts each live process runs, and whether every district is run. */
  boolean spread(Map<String, Integer> expected) {
    Map<String, Set<String>> running = running();
    Set<String> all = new TreeSet<>();
    running.values().forEach(all::addAll);
    if (all.size() != districts.size()) {
      return false;
    }
    Map<String, Integer> counts = new TreeMap<>();
    running.forEach((node, led) -> counts.put(node, led.size()));
    return counts.equals(new TreeMap<>(expected));
  }

  /** Districts seen run by two processes within one beat of each other. */
  List<String> overlaps() {
    synchronized (overlaps) {
      return List.copyOf(overlaps);
    }
  }

  /** Waits for the districts to be spread so; fails saying how they are spread. */
  void awaitSpread(Map<String, Integer> expected, Duration timeout) {
    await(
        "the districts spread " + expected,
        timeout,
        () -> spread(expected),
        () ->
            "running: "
                + running()
                + "; on two at once (beats): "
                + overlaps()
                + "; led by two at once (views): "
                + doubleLeaders());
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    await(what, timeout, condition, () -> "");
  }

  static void await(
      String what,
      Duration timeout,
      BooleanSupplier condition,
      java.util.function.Supplier<String> state) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("timed out after " + timeout + " waiting for " + what + " " + state.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /**
   * Looks every {@code everyMs} at which processes' views say they lead each district, and keeps
   * every moment two said so at once. What a view says is what its master: routes act on.
   */
  void watchLeaders(long everyMs) {
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                for (String district : districts) {
                  List<String> leaders = new ArrayList<>();
                  for (Node node : List.copyOf(nodes.values())) {
                    if (node.leadership()
                        .look(Leadership.namespace(district))
                        .map(Leadership.Seen::here)
                        .orElse(false)) {
                      leaders.add(node.id());
                    }
                  }
                  if (leaders.size() > 1) {
                    doubleLeaders.add(district + " led by " + leaders);
                  }
                }
                try {
                  Thread.sleep(everyMs);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "leader-watcher");
    watcher.setDaemon(true);
    watcher.start();
    watchers.add(watcher);
  }

  /** The moments two processes' views both said they led one district. */
  List<String> doubleLeaders() {
    synchronized (doubleLeaders) {
      return List.copyOf(doubleLeaders);
    }
  }

  @Override
  public void close() {
    watchers.forEach(Thread::interrupt);
    for (String id : List.copyOf(nodes.keySet())) {
      stop(id);
    }
  }
}
