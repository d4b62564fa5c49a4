package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.plan.TitanFailure;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * A run's reads are tried again as {@code [retry]} says, like its writes: against a Titan that
 * fails a number of times before it answers, the waits between tries are {@code initial_delay_ms}
 * times {@code multiplier} for each try, and {@code max_attempts} is where the read gives up.
 */
class ReadRetryTest {
  private static final String EMPTY_PAGE = "{\"data\": [], \"next_cursor\": null}";

  @TempDir Path dir;

  private HttpServer server;

  /** When each request arrived, in nanoseconds. */
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A Titan that answers 503 (no Retry-After) to its first {@code failures} requests. */
  private String failing(int failures) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          arrivals.add(System.nanoTime());
          boolean fail = arrivals.size() <= failures;
          byte[] body =
              (fail ? "{\"error\": {\"code\": \"unavailable\"}}" : EMPTY_PAGE)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** The run's client, from a config file as an operator writes it. */
  private TitanClient clientFor(String baseUrl, String retry) throws Exception {
    Path config = dir.resolve("config.toml");
    Files.writeString(
        config,
        "[titan]\nbase_url = \""
            + baseUrl
            + "\"\napi_key = \"k\"\ntimeout_seconds = 5\n[retry]\n"
            + retry,
        StandardCharsets.UTF_8);
    return TitanSyncApp.clientFor(ConfigLoader.load(config, Map.of()));
  }

  private long gapMillis(int i) {
    return (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
  }

  @Test
  void aReadWaitsAsRetrySaysBetweenTries() throws Exception {
    String base = failing(2);
    TitanClient client =
        clientFor(base, "max_attempts = 3\ninitial_delay_ms = 700\nmultiplier = 2.0\n");

    client.checkAccess();

    assertEquals(3, arrivals.size(), "two 503s, then the answer");
    // initial_delay_ms, then twice that: longer than the client's own 500 ms and 1 s.
    assertTrue(gapMillis(1) >= 690, "first retry after " + gapMillis(1) + " ms");
    assertTrue(gapMillis(2) >= 1390, "second retry after " + gapMillis(2) + " ms");
  }

  @Test
  void aReadGivesUpAfterMaxAttempts() throws Exception {
    String base = failing(10);
    TitanClient client =
        clientFor(base, "max_attempts = 2\ninitial_delay_ms = 10\nmax_delay_ms = 10\n");

    TitanException e = assertThrows(TitanException.class, client::checkAccess);

    assertEquals(TitanFailure.Handling.UNREACHABLE, e.handling());
    assertTrue(e.getMessage().contains("gave up after 2 attempts"), e.getMessage());
    assertEquals(2, arrivals.size());
  }
}
