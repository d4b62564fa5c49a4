package org.titansync.titan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pace of calls to Titan: rate-limit headers, 429 pauses shared by workers, and the pace found
 * without headers.
 */
class RateGateTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final List<Long> slept = new ArrayList<>();

  private RateGate gate(double initial, double ceiling) {
    return new RateGate(
        initial,
        ceiling,
        now::get,
        millis -> {
          slept.add(millis);
          now.addAndGet(millis);
        });
  }

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (a, b) -> true);
  }

  private HttpHeaders limit(long limit, long remaining) {
    long reset = now.get() / 1000 + 1;
    return headers(
        Map.of(
            "X-RateLimit-Limit", Long.toString(limit),
            "X-RateLimit-Remaining", Long.toString(remaining),
            "X-RateLimit-Reset", Long.toString(reset)));
  }

  @Test
  void theAnnouncedLimitSetsThePaceJustUnderIt() {
    RateGate gate = gate(10, 0);
    gate.observe(200, limit(200, 150));
    assertEquals(200 * RateGate.HEADROOM, gate.rate(), 0.001);
    assertEquals(200.0, gate.announcedRate().getAsDouble(), 0.001);
    // Good answers do not push past what Titan announced.
    for (int i = 0; i < 100; i++) {
      gate.observe(200, limit(200, 100));
    }
    assertEquals(200 * RateGate.HEADROOM, gate.rate(), 0.001);
  }

  @Test
  void remainingZeroMakesEveryCallWaitUntilReset() throws Exception {
    RateGate gate = gate(10, 0);
    long reset = now.get() / 1000 + 1;
    gate.observe(200, limit(50, 0));
    assertEquals(Optional.of(reset * 1000), gate.pausedUntil());
    gate.acquire();
    assertTrue(now.get() >= reset * 1000, "waited until Reset");
  }

  @Test
  void withoutHeadersThePaceDoublesUntilRefusedThenBacksOffAndProbesSlowly() {
    RateGate gate = gate(10, 0);
    HttpHeaders none = headers(Map.of());
    for (int i = 0; i < 10; i++) {
      gate.observe(200, none);
    }
    assertEquals(20, gate.rate(), 0.001, "a second's worth of good answers doubles the pace");
    gate.observe(429, none);
    assertEquals(20 * RateGate.AFTER_429, gate.rate(), 0.001);
    // Under 90% of where Titan refused: one request a second more each second.
    double before = gate.rate();
    for (int i = 0; i < 16; i++) {
      gate.observe(200, none);
    }
    assertTrue(
        gate.rate() > before + 0.9 && gate.rate() < before + 1.1, "one more: " + gate.rate());
    // At 90% and above: ten times slower.
    for (int i = 0; i < 200; i++) {
      gate.observe(200, none);
    }
    assertTrue(gate.rate() < 20, "still under the refused pace: " + gate.rate());
    double near = gate.rate();
    gate.observe(503, none);
    assertEquals(near * RateGate.AFTER_503, gate.rate(), 0.001);
  }

  @Test
  void theCeilingCapsEverything() {
    RateGate gate = gate(10, 5);
    assertEquals(5, gate.rate(), 0.001);
    gate.observe(200, limit(1000, 900));
    assertEquals(5, gate.rate(), 0.001);
  }

  @Test
  void callsAreSpacedEvenlyAtThePace() throws Exception {
    RateGate gate = new RateGate(20, 0);
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      gate.acquire();
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Six calls at 20 a second: the sixth waits for its slot, at least 4 x 50 ms after the
    // first (one slot missed at the start may be caught up).
    assertTrue(elapsedMillis >= 190, elapsedMillis + " ms");
  }

  @Test
  void a429PausesEveryWorkerNotOnlyTheOneThatGotIt() throws Exception {
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    AtomicInteger n = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          arrivals.add(System.nanoTime());
          byte[] body;
          if (n.incrementAndGet() == 1) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            body = "{\"error\": {\"code\": \"rate_limited\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(429, body.length);
          } else {
            body = "{\"data\": [], \"next_cursor\": null}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
          }
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      RateGate gate = new RateGate(1000, 0);
      TitanClient client =
          new TitanClient(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1"),
              () -> "k",
              Duration.ofSeconds(5),
              10,
              Optional.empty(),
              TitanClient.Bounds.defaults(),
              gate);
      Future<?> first = workers.submit(() -> call(client));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (gate.pausedUntil().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      // The 429 is in and read; a second worker starts its own call.
      Future<?> second = workers.submit(() -> call(client));
      first.get();
      second.get();
    } finally {
      workers.shutdownNow();
      server.stop(0);
    }
    assertEquals(3, arrivals.size(), "the 429, its retry, and the second worker's call");
    long pausedMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
    long secondMillis = (Math.min(arrivals.get(1), arrivals.get(2)) - arrivals.get(0)) / 1_000_000;
    assertTrue(pausedMillis >= 900, "retry after " + pausedMillis + " ms");
    assertTrue(secondMillis >= 900, "the other worker waited too: " + secondMillis + " ms");
  }

  private static Void call(TitanClient client) throws TitanException {
    client.checkAccess();
    return null;
  }
}
