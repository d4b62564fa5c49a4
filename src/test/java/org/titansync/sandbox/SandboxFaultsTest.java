package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.titansync.sandbox.ApiCaller.Reply;

/** Fault injection: rate limit, transient errors, lost answers, latency, concurrency. */
class SandboxFaultsTest {

  private static final String ANN =
      "{\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"email\":\"ann@example.org\"}";

  private SandboxServer server;

  private ApiCaller start(SandboxOptions options) throws Exception {
    server = SandboxServer.start(options);
    server.importState(SandboxApiTest.smallTenant());
    return new ApiCaller(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsPastTheRateAreAnswered429WithRetryAfter() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withRps(5));
    int ok = 0;
    Reply limited = null;
    for (int i = 0; i < 12; i++) {
      Reply r = api.get("/roles");
      if (r.status() == 200) {
        ok++;
        assertEquals("5", r.header("X-RateLimit-Limit"));
      } else {
        assertEquals(429, r.status());
        limited = r;
      }
    }
    // 12 quick calls span at most two one-second windows of 5
    assertTrue(ok <= 10, "allowed " + ok);
    assertNotNull(limited);
    assertEquals("rate_limited", limited.errorCode());
    assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
    assertEquals("0", limited.header("X-RateLimit-Remaining"));
    assertNotNull(limited.header("X-RateLimit-Reset"));
    assertEquals(12L - ok, server.stats().get("throttled"));
  }

  @Test
  void withoutRateHeadersTheLimitShowsOnlyIn429s() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withRps(5).withRateHeaders(false));
    Reply limited = null;
    for (int i = 0; i < 12; i++) {
      Reply r = api.get("/roles");
      assertNull(r.header("X-RateLimit-Limit"), "answer " + i + " announces a limit");
      assertNull(r.header("X-RateLimit-Remaining"));
      assertNull(r.header("X-RateLimit-Reset"));
      if (r.status() == 429) {
        limited = r;
      } else {
        assertEquals(200, r.status());
      }
    }
    // 12 quick calls span at most two one-second windows of 5
    assertNotNull(limited);
    assertEquals("rate_limited", limited.errorCode());
    assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
  }

  @Test
  void errorRateAnswers503BeforeDoingAnything() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withErrorRate(1.0));
    Reply r = api.post("/users", ANN);
    assertEquals(503, r.status());
    assertEquals("1", r.header("Retry-After"));
    assertEquals("service_unavailable", r.errorCode());
    assertNotNull(r.header("X-RateLimit-Remaining"));
    assertEquals(0, server.users().size(), "nothing was written");
    assertEquals(503, api.withKey("wrong").get("/users").status(), "before auth, too");

    server.setFaults(0.3, 0.0);
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      failed += api.get("/roles").status() == 503 ? 1 : 0;
    }
    assertTrue(failed > 30 && failed < 90, "about 30% of 200 failed: " + failed);
    server.setFaults(0.0, 0.0);
    assertEquals(200, api.get("/roles").status());
  }

  @Test
  void theSameSeedInjectsTheSameFaults() throws Exception {
    List<Integer> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      ApiCaller api = start(SandboxOptions.defaults().withErrorRate(0.5).withRandomSeed(42));
      StringBuilder pattern = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        pattern.append(api.get("/roles").status() == 503 ? 'x' : '.');
      }
      runs.add(pattern.toString().hashCode());
      server.close();
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  void aDroppedWriteIsCommittedButTheClientGetsNoAnswer() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withDropRate(1.0));
    assertEquals(200, api.get("/users").status(), "reads are never dropped");
    assertThrows(IOException.class, () -> api.send("POST", "/users", ANN, "k-1"));
    assertEquals(1, server.users().size(), "the write was committed");
    assertEquals(1L, server.stats().get("dropped"));

    // the client's retry with the same key gets the first answer
    server.setFaults(0.0, 0.0);
    Reply retry = api.send("POST", "/users", ANN, "k-1");
    assertEquals(201, retry.status());
    assertEquals(server.users().get(0).get("id"), retry.body().get("id").asText());
    assertEquals(1, server.users().size());
  }

  @Test
  void latencyDelaysEveryRequest() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withLatencyMs(300));
    long started = System.nanoTime();
    assertEquals(200, api.get("/roles").status());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
  }

  @Test
  void sixtyFourRequestsRunAtOnceAndThePeakIsCounted() throws Exception {
    start(SandboxOptions.defaults().withLatencyMs(1000));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/roles"))
            .header("Authorization", "Bearer " + SandboxOptions.DEFAULT_API_KEY)
            .timeout(Duration.ofSeconds(30))
            .build();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      assertEquals(200, call.get().statusCode());
    }
    // Side by side, not one after another: the peak says so without a wall-clock bound.
    assertTrue(server.peakConcurrency() >= 60, "peak " + server.peakConcurrency());
    assertEquals(64, server.requestCount());
    server.resetCounters();
    assertEquals(0, server.peakConcurrency());
    assertEquals(0, server.requestCount());
  }
}
