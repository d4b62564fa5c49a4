package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.titansync.sandbox.ApiCaller.Reply;

/** The contract's endpoints, over real HTTP, against a small known tenant. */
class SandboxApiTest {

  /** Two sites, three roles, three keys; users are added per test. */
  static Map<String, Object> smallTenant() {
    return Map.of(
        "api_keys", Map.of("readonly-key", "readonly", "none-key", "none"),
        "sites",
            List.of(
                Map.of("id", "s_a", "name", "Alpha School", "code", "AS", "active", true),
                Map.of("id", "s_b", "name", "Beta School", "active", true)),
        "roles",
            List.of(
                Map.of("id", "r_t", "name", "Teacher"),
                Map.of("id", "r_p", "name", "Principal"),
                Map.of("id", "r_n", "name", "Nurse")),
        "users", List.of(),
        "next_user_number", 1);
  }

  private SandboxServer server;
  private ApiCaller api;

  @BeforeEach
  void start() throws Exception {
    server = SandboxServer.start(SandboxOptions.defaults());
    server.importState(smallTenant());
    api = new ApiCaller(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String create(String externalId, String first, String email) throws Exception {
    return create(api, externalId, first, email);
  }

  /** Creates a user at Alpha School as a Teacher and returns its id. */
  static String create(ApiCaller api, String externalId, String first, String email)
      throws Exception {
    Reply r =
        api.post(
            "/users",
            """
            {"external_id": %s, "first_name": "%s", "last_name": "Doe", "email": "%s",
             "memberships": [{"site_id": "s_a", "role_ids": ["r_t"]}]}
            """
                .formatted(externalId == null ? "null" : '"' + externalId + '"', first, email));
    assertEquals(201, r.status(), r.body().toString());
    return r.body().get("id").asText();
  }

  static void assertError(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.body().toString());
    JsonNode error = reply.body().get("error");
    assertNotNull(error, "error body expected: " + reply.body());
    assertEquals(code, error.get("code").asText());
    assertFalse(error.get("message").asText().isBlank());
    assertTrue(error.get("details").isObject(), "details is always an object");
  }

  static String field(Reply reply, String name) {
    return reply.body().path("error").path("details").path("fields").path(name).asText(null);
  }

  // ---- auth ----

  @Test
  void missingOrWrongKeyIsRefusedWith401() throws Exception {
    assertError(api.withKey(null).get("/users"), 401, "unauthorized");
    assertError(api.withKey("not-a-key").get("/users"), 401, "unauthorized");
    assertError(api.withKey("not-a-key").post("/users", "{}"), 401, "unauthorized");
    assertEquals(0, server.mutationCount());
  }

  @Test
  void readOnlyKeyReadsUsersButGets403OnSitesAndWrites() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    ApiCaller readonly = api.withKey("readonly-key");
    assertEquals(200, readonly.get("/users").status());
    assertEquals(200, readonly.get("/users/" + id).status());
    assertEquals(200, readonly.get("/roles").status());
    assertError(readonly.get("/sites"), 403, "forbidden");
    assertError(
        readonly.post("/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.org\"}"),
        403,
        "forbidden");
    assertError(readonly.patch("/users/" + id, "{\"first_name\":\"X\"}"), 403, "forbidden");
    assertError(
        readonly.put("/users/" + id + "/memberships/s_b", "{\"role_ids\":[\"r_t\"]}"),
        403,
        "forbidden");
    assertError(readonly.delete("/users/" + id + "/memberships/s_a"), 403, "forbidden");
    assertError(api.withKey("none-key").get("/users"), 403, "forbidden");
    assertEquals("Ann", server.users().get(0).get("first_name"));
  }

  @Test
  void everyResponseCarriesRateLimitHeaders() throws Exception {
    List<Reply> replies =
        List.of(
            api.get("/sites"),
            api.withKey(null).get("/users"),
            api.get("/users/u_9999999"),
            api.get("/nowhere"));
    for (Reply r : replies) {
      assertNotNull(r.header("X-RateLimit-Limit"), "limit on " + r.status());
      assertNotNull(r.header("X-RateLimit-Remaining"), "remaining on " + r.status());
      long reset = Long.parseLong(r.header("X-RateLimit-Reset"));
      long now = Instant.now().getEpochSecond();
      assertTrue(reset >= now && reset <= now + 2, "reset is in epoch seconds: " + reset);
    }
  }

  // ---- lists ----

  @Test
  void sitesAndRolesAreListedInIdOrder() throws Exception {
    Reply sites = api.get("/sites");
    assertEquals(200, sites.status());
    assertEquals("s_a", sites.body().get("data").get(0).get("id").asText());
    assertEquals("AS", sites.body().get("data").get(0).get("code").asText());
    assertTrue(sites.body().get("data").get(1).get("code").isNull());
    assertTrue(sites.body().get("data").get(1).get("active").asBoolean());
    assertTrue(sites.body().get("next_cursor").isNull());
    Reply roles = api.get("/roles?limit=2");
    assertEquals(List.of("r_n", "r_p"), ids(roles));
    Reply rest = api.get("/roles?limit=2&cursor=" + roles.body().get("next_cursor").asText());
    assertEquals(List.of("r_t"), ids(rest));
    assertTrue(rest.body().get("next_cursor").isNull());
  }

  @Test
  void usersPageAcrossCursorsInStableOrderEndingWithNullCursor() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      created.add(create("E" + i, "P" + i, "p" + i + "@example.org"));
    }
    assertEquals("u_0000001", created.get(0));
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Reply page = api.get("/users?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, page.status());
      seen.addAll(ids(page));
      sizes.add(page.body().get("data").size());
      JsonNode next = page.body().get("next_cursor");
      assertNotNull(next, "next_cursor is always present");
      cursor = next.isNull() ? null : next.asText();
    } while (cursor != null);
    assertEquals(created, seen, "every user once, in creation (= id) order");
    assertEquals(List.of(3, 3, 1), sizes);
  }

  @Test
  void exactlyFullLastPageEndsWithNullCursor() throws Exception {
    for (int i = 1; i <= 4; i++) {
      create("E" + i, "P" + i, "p" + i + "@example.org");
    }
    Reply first = api.get("/users?limit=2");
    Reply second = api.get("/users?limit=2&cursor=" + first.body().get("next_cursor").asText());
    assertEquals(2, second.body().get("data").size());
    assertTrue(second.body().get("next_cursor").isNull());
  }

  @Test
  void limitDefaultsTo100AndMustBe1To500() throws Exception {
    for (int i = 0; i < 105; i++) {
      server.seedUser(null, "F" + i, "L", "f" + i + "@example.org", Map.of());
    }
    Reply page = api.get("/users");
    assertEquals(100, page.body().get("data").size());
    assertFalse(page.body().get("next_cursor").isNull());
    assertEquals(105, api.get("/users?limit=500").body().get("data").size());
    assertEquals(1, api.get("/users?limit=1").body().get("data").size());
    for (String bad : List.of("0", "501", "-1", "ten", "")) {
      Reply r = api.get("/users?limit=" + bad);
      assertError(r, 422, "validation_failed");
      assertNotNull(field(r, "limit"), "details.fields.limit for " + bad);
    }
    assertError(api.get("/sites?limit=501"), 422, "validation_failed");
  }

  @Test
  void foreignOrGarbledCursorIs422() throws Exception {
    create("E1", "Ann", "ann@example.org");
    String sitesCursor = api.get("/sites?limit=1").body().get("next_cursor").asText();
    assertError(api.get("/users?cursor=" + sitesCursor), 422, "validation_failed");
    assertError(api.get("/users?cursor=**!!"), 422, "validation_failed");
    assertError(api.get("/users?cursor=bm90LWEtY3Vyc29y"), 422, "validation_failed");
  }

  @Test
  void filtersByExternalIdExactlyAndEmailIgnoringCase() throws Exception {
    String ann = create("E1", "Ann", "Ann.Smith@Example.org");
    create("E12", "Bob", "bob@example.org");
    assertEquals(List.of(ann), ids(api.get("/users?external_id=E1")));
    assertEquals(List.of(), ids(api.get("/users?external_id=e1")));
    assertEquals(List.of(ann), ids(api.get("/users?email=ann.smith%40example.ORG")));
    assertEquals(List.of(), ids(api.get("/users?email=ann.smith")));
    assertEquals(List.of(ann), ids(api.get("/users?email=ann.smith@example.org&external_id=E1")));
    assertEquals(List.of(), ids(api.get("/users?email=ann.smith@example.org&external_id=E12")));
    assertTrue(api.get("/users?external_id=E1").body().get("next_cursor").isNull());
  }

  private static List<String> ids(Reply page) {
    List<String> ids = new ArrayList<>();
    page.body().get("data").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  // ---- create ----

  @Test
  void unknownEndpointsAndMethodsAnswerWithErrorBodies() throws Exception {
    assertError(api.get("/teams"), 404, "not_found");
    assertError(api.send("DELETE", "/users", null, null), 405, "method_not_allowed");
  }

  @Test
  void aDefaultJdkClientThatOffersHttp2IsServedOverHttp1() throws Exception {
    HttpClient defaults = HttpClient.newHttpClient();
    HttpResponse<String> created =
        defaults.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/users"))
                .header("Authorization", "Bearer " + SandboxOptions.DEFAULT_API_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.org\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(HttpClient.Version.HTTP_1_1, created.version());
  }

  @Test
  void statsNeedNoKeyAndCountRequestsAndWrites() throws Exception {
    server.resetCounters();
    create("E1", "Ann", "ann@example.org");
    api.get("/users");
    Reply stats =
        new ApiCaller(server.baseUrl().replace("/api/v1", ""), null).get("/_sandbox/stats");
    assertEquals(200, stats.status());
    assertEquals(2, stats.body().get("requests").asLong());
    assertEquals(1, stats.body().get("writes").asLong());
    assertEquals(1, stats.body().get("mutations").asLong());
    assertEquals(1, stats.body().get("users").asLong());
    assertEquals(2, server.requestCount(), "the stats call itself is not counted");
    Set<String> keys = new HashSet<>();
    stats.body().fieldNames().forEachRemaining(keys::add);
    assertTrue(keys.containsAll(Set.of("peak_concurrency", "dropped", "throttled")));
  }
}
