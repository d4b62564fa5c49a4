package org.titansync.titan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanUser;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * What the client's reads make of Titan's HTTP answers, over real HTTP: the key it sends, a refused
 * key, a redirect, an error body, a 429 it waits out, and a Titan that does not answer.
 */
class TitanClientHttpTest {
  private static final String KEY = "key-that-must-not-print-7f3a";
  private static final String EMPTY_PAGE = "{\"data\": [], \"next_cursor\": null}";

  private HttpServer server;

  /** How many requests the local server was sent. */
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** One action per request to a local server; answers come from {@code answer}. */
  @FunctionalInterface
  private interface Answer {
    void handle(HttpExchange exchange, int request) throws IOException;
  }

  private String serve(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> answer.handle(exchange, requests.incrementAndGet()));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An auth failure that tells which setting to check and never shows the key. */
  private static void assertKeyProblem(TitanException e) {
    assertEquals(TitanFailure.Handling.AUTH, e.handling());
    assertTrue(e.getMessage().contains("titan.api_key or TITAN_API_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  private static TitanClient client(String baseUrl, String key) {
    return new TitanClient(URI.create(baseUrl), () -> key, Duration.ofSeconds(5), 500);
  }

  @Test
  void sendsTheKeyAsABearerTokenAndAsksForJson() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    String base =
        serve(
            (exchange, n) -> {
              seen.add(
                  exchange.getRequestMethod()
                      + " "
                      + exchange.getRequestURI()
                      + " | "
                      + exchange.getRequestHeaders().getFirst("Authorization")
                      + " | "
                      + exchange.getRequestHeaders().getFirst("Accept")
                      + " | "
                      + exchange.getRequestHeaders().getFirst("User-Agent"));
              reply(exchange, 200, EMPTY_PAGE);
            });
    client(base, KEY).checkAccess();
    assertEquals(
        List.of(
            "GET /api/v1/sites?limit=1 | Bearer "
                + KEY
                + " | application/json | "
                + TitanClient.USER_AGENT),
        seen);
    assertTrue(TitanClient.USER_AGENT.startsWith("titan-sync/"), TitanClient.USER_AGENT);
  }

  @Test
  void aRefusedKeyIsAnAuthFailureThatNamesTheSettingAndNotTheKey() throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
      TitanException e =
          assertThrows(TitanException.class, () -> client(sandbox.baseUrl(), KEY).readSnapshot());
      assertKeyProblem(e);
      assertEquals(401, e.status());
      assertEquals(1, sandbox.requestCount(), "a refused key is not retried");
    }
  }

  @Test
  void aRefusalThatAsksForABearerTokenIsAnAuthFailureToo() throws Exception {
    String base =
        serve(
            (exchange, n) -> {
              exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"titan\"");
              reply(exchange, 401, "{\"error\": {\"code\": \"unauthorized\"}}");
            });
    TitanException e = assertThrows(TitanException.class, () -> client(base, KEY).checkAccess());
    assertKeyProblem(e);
    assertEquals("unauthorized", e.code());
    assertEquals(1, requests.get());
  }

  @Test
  void aKeyWithALineBreakIsNeverSentNorShown() throws Exception {
    String base = serve((exchange, n) -> reply(exchange, 200, EMPTY_PAGE));
    TitanException e =
        assertThrows(
            TitanException.class, () -> client(base, KEY + "\r\nX-Injected: 1").checkAccess());
    assertKeyProblem(e);
    assertEquals(null, e.getCause(), "no cause that could quote the key");
    assertEquals(0, requests.get(), "nothing was sent");
  }

  @Test
  void readsPagesSentInChunksWithFieldsInAnyOrder() throws Exception {
    String base =
        serve(
            (exchange, n) -> {
              String query = String.valueOf(exchange.getRequestURI().getRawQuery());
              String body;
              if (!exchange.getRequestURI().getPath().endsWith("/users")) {
                body = "{\"next_cursor\": null, \"data\": []}";
              } else if (!query.contains("cursor=")) {
                body =
                    "{\"next_cursor\": \"c 2\", \"data\": [{\"memberships\": [], \"id\": \"u1\","
                        + " \"email\": \"a@x.org\", \"external_id\": null, \"first_name\":"
                        + " \"Ana\", \"last_name\": \"N\\u00fa\\u00f1ez\", \"status\": \"active\","
                        + " \"extra\": {\"nested\": [1, 2.5e3, true]}}]}";
              } else {
                assertTrue(query.contains("cursor=c%202"), query);
                body =
                    "{\"data\": [{\"id\": \"u2\", \"external_id\": \"E2\", \"first_name\":"
                        + " \"Siobhán\", \"last_name\": \"Nguyễn\", \"email\": \"b@x.org\","
                        + " \"status\": \"inactive\", \"memberships\": [{\"role_ids\": [\"r1\"],"
                        + " \"site_id\": \"s1\"}]}], \"next_cursor\": null}";
              }
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, 0); // chunked
              try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < bytes.length; i += 7) {
                  out.write(bytes, i, Math.min(7, bytes.length - i));
                  out.flush();
                }
              }
            });
    List<TitanUser> users = client(base, KEY).readSnapshot().users();
    assertEquals(2, users.size());
    assertEquals(
        new TitanUser("u1", null, "Ana", "Núñez", "a@x.org", true, Map.of()), users.get(0));
    assertEquals(
        new TitanUser(
            "u2", "E2", "Siobhán", "Nguyễn", "b@x.org", false, Map.of("s1", Set.of("r1"))),
        users.get(1));
    assertEquals(4, requests.get(), "sites, roles and two pages of users");
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    String base =
        serve(
            (exchange, n) -> {
              if (exchange.getRequestURI().getPath().endsWith("/elsewhere")) {
                reply(exchange, 200, EMPTY_PAGE);
                return;
              }
              exchange.getResponseHeaders().set("Location", "/api/v1/elsewhere");
              exchange.sendResponseHeaders(302, -1);
              exchange.close();
            });
    TitanException e = assertThrows(TitanException.class, () -> client(base, KEY).checkAccess());
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertEquals(302, e.status());
  }

  @Test
  void anErrorAnswerIsReadForItsCodeAndMessage() throws Exception {
    String base =
        serve(
            (exchange, n) ->
                reply(
                    exchange,
                    400,
                    "{\"error\": {\"code\": \"bad_request\", \"message\": \"limit too big\"}}"));
    TitanException e = assertThrows(TitanException.class, () -> client(base, KEY).checkAccess());
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertEquals("bad_request", e.code());
    assertTrue(e.getMessage().contains("HTTP 400 bad_request: limit too big"), e.getMessage());
  }

  @Test
  void aThrottledReadWaitsAsToldAndTriesAgain() throws Exception {
    java.util.List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    String base =
        serve(
            (exchange, n) -> {
              arrivals.add(System.nanoTime());
              if (n == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                reply(exchange, 429, "{\"error\": {\"code\": \"rate_limited\"}}");
              } else {
                reply(exchange, 200, EMPTY_PAGE);
              }
            });

    client(base, KEY).checkAccess();

    assertEquals(2, arrivals.size(), "one refusal, then the same read once more");
    long waitedMs = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
    assertTrue(waitedMs >= 950, "waited as Retry-After said (1 s), not " + waitedMs + " ms");
  }

  @Test
  void aProxyThatDoesNotAnswerIsNamedAsSuch() throws Exception {
    int port = closedPort();
    TitanClient client =
        new TitanClient(
            URI.create("http://titan.invalid/api/v1"),
            () -> KEY,
            Duration.ofSeconds(5),
            500,
            java.util.Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", port)));
    TitanException e = assertThrows(TitanException.class, client::checkAccess);
    assertEquals(TitanFailure.Handling.UNREACHABLE, e.handling());
    assertTrue(
        e.getMessage()
            .contains(
                "no answer from http://titan.invalid/api/v1 through the proxy http://127.0.0.1:"
                    + port),
        e.getMessage());
  }

  @Test
  void aTitanThatDoesNotAnswerIsUnreachableAfterRetries() throws Exception {
    int port = closedPort();
    TitanException e =
        assertThrows(
            TitanException.class,
            () -> client("http://127.0.0.1:" + port + "/api/v1", KEY).checkAccess());
    assertEquals(TitanFailure.Handling.UNREACHABLE, e.handling());
    assertTrue(e.getMessage().contains("no answer from http://127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }
}
