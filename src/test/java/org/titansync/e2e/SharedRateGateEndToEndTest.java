package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.store.RunLock;

/**
 * One rate gate for every call of a one-shot {@code sync}: what Titan's answers to the run's reads
 * announce paces its writes too. A Titan in front of the sandbox announces 2 requests a second on
 * every read's answer and nothing on a write's; the run's creations then come about half a second
 * apart, not at the pace a gate that had seen no announcement starts from (10 a second).
 */
class SharedRateGateEndToEndTest {
  @TempDir Path dir;

  @Test
  void whatTheReadsLearnPacesTheWrites() throws Exception {
    try (CliHarness h =
            CliHarness.start(
                dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)));
        AnnouncingFront front = new AnnouncingFront(h.sandbox().baseUrl())) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      String config = Files.readString(h.config(), StandardCharsets.UTF_8);
      Files.writeString(
          h.config(),
          config.replace(h.sandbox().baseUrl(), front.baseUrl()),
          StandardCharsets.UTF_8);

      Path csv = h.csv("staff.csv", Staff.csv(Staff.people(5, 3)));
      // A setup that has run before, an hour ago: the run lock is there. (The first run in a new
      // logs folder finds the lock just made, takes it for another run's and reads Titan again.)
      Path lock = h.logs().resolve(RunLock.FILE);
      Files.createDirectories(h.logs());
      Files.writeString(lock, "");
      Files.setLastModifiedTime(
          lock, FileTime.from(Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS)));

      CliHarness.Result r = h.run("sync", csv.toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      List<Long> writes = front.writes();
      assertEquals(5, writes.size(), "one creation per person");
      // 4 intervals at a little under 2 a second: about 2.06 s; at 10 a second, 0.4 s.
      long spanMillis =
          (java.util.Collections.max(writes) - java.util.Collections.min(writes)) / 1_000_000;
      assertTrue(spanMillis >= 1_900, "5 creations within " + spanMillis + " ms");
    }
  }

  /**
   * Passes every request through to the sandbox; the answer to a read announces a limit of 2
   * requests a second (and the sandbox's own rate headers are dropped), a write's answer announces
   * none. Notes when each write arrives.
   */
  private static final class AnnouncingFront implements AutoCloseable {
    private final HttpServer server;
    private final List<Long> writes = new CopyOnWriteArrayList<>();

    AnnouncingFront(String sandboxBaseUrl) throws IOException {
      HttpClient forward = HttpClient.newHttpClient();
      String origin = sandboxBaseUrl.substring(0, sandboxBaseUrl.indexOf("/api/v1"));
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.createContext("/", exchange -> pass(forward, origin, exchange));
      server.start();
    }

    private void pass(HttpClient forward, String origin, HttpExchange exchange) throws IOException {
      boolean read = "GET".equals(exchange.getRequestMethod());
      if (!read) {
        writes.add(System.nanoTime());
      }
      byte[] sent;
      try (InputStream in = exchange.getRequestBody()) {
        sent = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(origin + exchange.getRequestURI()))
              .method(
                  exchange.getRequestMethod(),
                  sent.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(sent));
      for (String name : List.of("Authorization", "Content-Type", "Idempotency-Key")) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      int status;
      byte[] body;
      try {
        HttpResponse<byte[]> answer =
            forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = answer.statusCode();
        body = answer.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
        body = new byte[0];
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (read) {
        long reset = System.currentTimeMillis() / 1000 + 1;
        exchange.getResponseHeaders().set("X-RateLimit-Limit", "2");
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", "2");
        exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(reset));
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } else {
        exchange.close();
      }
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    List<Long> writes() {
      return List.copyOf(writes);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
