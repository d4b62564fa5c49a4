package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.SitesAndRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanUser;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * The snapshot read over HTTP, page by page: every user once and in order, through retried pages
 * (the next page is fetched while the current one is parsed), and a bad answer named as such.
 */
class TitanReadEndToEndTest {

  private static TitanClient client(String baseUrl, int pageSize) {
    return new TitanClient(
        URI.create(baseUrl),
        () -> SandboxOptions.DEFAULT_API_KEY,
        Duration.ofSeconds(10),
        pageSize);
  }

  @Test
  void everyUserOnceAndInOrderAcrossManyPagesWhileTitanFailsSomeAnswers() throws Exception {
    try (SandboxServer sandbox =
        SandboxServer.start(
            SandboxOptions.defaults().withPort(0).withErrorRate(0.2).withRandomSeed(42))) {
      for (int i = 0; i < 120; i++) {
        sandbox.seedUser(
            "P" + i,
            "First" + i,
            "Last" + i,
            "p" + i + "@district.org",
            i % 3 == 0 ? Map.of() : Map.of("s_01", List.of("r_01")));
      }
      List<Map<String, Object>> expected = sandbox.users();
      List<String> heard = new ArrayList<>();

      TitanClient client = client(sandbox.baseUrl(), 7);
      SitesAndRoles catalog = client.readSitesAndRoles();
      heard.add("catalog");
      Snapshot snapshot = client.readUsers(catalog, user -> heard.add(user.id()));

      List<String> ids = snapshot.users().stream().map(TitanUser::id).toList();
      assertEquals(expected.stream().map(u -> (String) u.get("id")).toList(), ids);
      assertEquals(ids.size(), Set.copyOf(ids).size(), "no user twice");
      assertEquals("catalog", heard.get(0), "sites and roles come before any user");
      assertEquals(ids, heard.subList(1, heard.size()));
      TitanUser p1 =
          snapshot.users().stream()
              .filter(u -> "P1".equals(u.externalId()))
              .findFirst()
              .orElseThrow();
      assertEquals("p1@district.org", p1.email());
      assertEquals(Map.of("s_01", Set.of("r_01")), p1.memberships());
      assertTrue(sandbox.requestCount() > ids.size() / 7, "it paged");
    }
  }

  /**
   * The snapshot read against a server whose user list answers {@code usersBody} (its sites and
   * roles are empty): what it throws.
   */
  private static TitanException readFailsWith(String usersBody) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              (exchange.getRequestURI().getPath().endsWith("/users")
                      ? usersBody
                      : "{\"data\": [], \"next_cursor\": null}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
      return assertThrows(TitanException.class, () -> client(base, 500).readSnapshot());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCursorThatComesBackIsABadAnswerNotAnEndlessRead() throws Exception {
    TitanException e = readFailsWith("{\"data\": [], \"next_cursor\": \"again\"}");
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertTrue(e.getMessage().contains("next_cursor \"again\" was already given"), e.getMessage());
  }

  @Test
  void anAnswerThatIsNotJsonIsABadAnswerNotAnEmptyTitan() throws Exception {
    TitanException e = readFailsWith("{\"data\": [{\"id\": \"u1\", \"email\": ");
    assertEquals(TitanFailure.Handling.REJECTED, e.handling());
    assertTrue(e.getMessage().contains("GET /users: unreadable answer"), e.getMessage());
  }
}
