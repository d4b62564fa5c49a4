package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.titan.TitanClient;

/**
 * {@code titan.proxy}: a sync that reads and writes, every call to Titan through a forwarding HTTP
 * proxy, as in a district whose servers reach the internet only through one.
 */
class ProxyEndToEndTest {
  private static final Set<String> FORWARDED_HEADERS =
      Set.of("authorization", "accept", "content-type", "idempotency-key");

  @TempDir Path dir;

  /** A plain HTTP forwarding proxy: it takes absolute-form requests and passes them on. */
  private static final class ForwardingProxy implements AutoCloseable {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final Set<String> agents = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final HttpServer server;
    private final HttpClient onward = HttpClient.newHttpClient();

    ForwardingProxy() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::forward);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
      URI target = exchange.getRequestURI();
      seen.add(exchange.getRequestMethod() + " " + target);
      agents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
      try {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request =
            HttpRequest.newBuilder(target)
                .method(
                    exchange.getRequestMethod(),
                    body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange
            .getRequestHeaders()
            .forEach(
                (name, values) -> {
                  if (FORWARDED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                  }
                });
        HttpResponse<byte[]> answer =
            onward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!name.equalsIgnoreCase("content-length")
                      && !name.equalsIgnoreCase("transfer-encoding")
                      && !name.equalsIgnoreCase("connection")
                      && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                  }
                });
        byte[] out = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void everyReadAndWriteGoesThroughTheProxy() throws Exception {
    try (CliHarness h = CliHarness.start(dir);
        ForwardingProxy proxy = new ForwardingProxy()) {
      h.extraTitan("proxy = \"" + proxy.url() + "\"\n");
      Path csv = Path.of("samples/staff.csv").toAbsolutePath();

      CliHarness.Result r = h.run("sync", csv.toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(h.sandbox().writeCount() > 0, "the sample makes changes");
      assertEquals(
          h.sandbox().requestCount(), proxy.seen.size(), "every request came through the proxy");
      String origin = URI.create(h.sandbox().baseUrl()).resolve("/").toString();
      assertTrue(
          proxy.seen.stream()
              .allMatch(line -> line.substring(line.indexOf(' ') + 1).startsWith(origin)),
          "absolute-form requests for the sandbox: " + proxy.seen);
      assertTrue(proxy.seen.stream().anyMatch(line -> line.startsWith("GET ")), "reads");
      assertTrue(proxy.seen.stream().anyMatch(line -> line.startsWith("POST ")), "writes");
      assertEquals(
          Set.of(TitanClient.USER_AGENT), proxy.agents, "reads and writes name titan-sync");

      CliHarness.Result again = h.run("sync", csv.toString());
      assertEquals(0, again.exit(), again.out() + again.err());
      assertTrue(again.lastLine().contains("nothing to do"), again.lastLine());
    }
  }
}
