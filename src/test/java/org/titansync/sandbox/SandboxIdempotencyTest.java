package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.titansync.sandbox.ApiCaller.Reply;

/** Idempotency-Key on POST and PATCH: replay, reuse, and a Titan that ignores the header. */
class SandboxIdempotencyTest {

  private static final String ANN =
      """
      {"external_id": "E1", "first_name": "Ann", "last_name": "Lee", "email": "ann@example.org",
       "memberships": [{"site_id": "s_a", "role_ids": ["r_t"]}]}
      """;

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
  void sameKeyAndBodyReplaysTheFirstResponseAndChangesNothing() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults());
    Reply first = api.send("POST", "/users", ANN, "key-1");
    assertEquals(201, first.status());
    Map<String, Object> after = server.exportState();
    long mutations = server.mutationCount();

    // the same JSON, written with other spacing and key order
    String reordered =
        "{\"memberships\":[{\"role_ids\":[\"r_t\"],\"site_id\":\"s_a\"}],\"email\":"
            + "\"ann@example.org\",\"last_name\":\"Lee\",\"first_name\":\"Ann\","
            + "\"external_id\":\"E1\"}";
    for (String body : new String[] {ANN, reordered}) {
      Reply again = api.send("POST", "/users", body, "key-1");
      assertEquals(201, again.status());
      assertEquals(first.body(), again.body(), "the first response, byte for byte in JSON");
    }
    assertEquals(after, server.exportState());
    assertEquals(mutations, server.mutationCount());
    assertEquals(1, server.users().size());
  }

  @Test
  void sameKeyWithAnotherBodyIsRefused() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults());
    assertEquals(201, api.send("POST", "/users", ANN, "key-1").status());
    Reply reused = api.send("POST", "/users", ANN.replace("Ann", "Anne"), "key-1");
    assertEquals(422, reused.status());
    assertEquals("idempotency_key_reused", reused.errorCode());
    Reply elsewhere = api.send("PATCH", "/users/u_0000001", "{\"first_name\":\"X\"}", "key-1");
    assertEquals("idempotency_key_reused", elsewhere.errorCode(), "a key names one request");
    assertEquals("Ann", server.users().get(0).get("first_name"));
  }

  @Test
  void replayIncludesRefusals() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults());
    server.seedUser("E9", "Taken", "Email", "ann@example.org", Map.of());
    Reply first = api.send("POST", "/users", ANN, "key-2");
    assertEquals(409, first.status());
    server.importState(SandboxApiTest.smallTenant()); // the holder is gone, and so are the keys
    assertEquals(201, api.send("POST", "/users", ANN, "key-2").status());
  }

  @Test
  void patchReplaysToo() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults());
    String id = api.post("/users", ANN).body().get("id").asText();
    Reply first = api.send("PATCH", "/users/" + id, "{\"last_name\":\"Kim\"}", "p-1");
    assertEquals(200, first.status());
    api.patch("/users/" + id, "{\"last_name\":\"Park\"}");
    Reply replay = api.send("PATCH", "/users/" + id, "{\"last_name\":\"Kim\"}", "p-1");
    assertEquals(first.body(), replay.body(), "the first answer, not a second change");
    assertEquals("Park", server.users().get(0).get("last_name"));
  }

  @Test
  void keysAreLimitedTo255Characters() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults());
    Reply tooLong = api.send("POST", "/users", ANN, "k".repeat(256));
    assertEquals(422, tooLong.status());
    assertEquals("validation_failed", tooLong.errorCode());
    assertEquals(201, api.send("POST", "/users", ANN, "k".repeat(255)).status());
  }

  @Test
  void aTitanIgnoringTheKeyCommitsTheRetryAsANewRequest() throws Exception {
    ApiCaller api = start(SandboxOptions.defaults().withIgnoreIdempotency(true));
    Reply first = api.send("POST", "/users", ANN, "key-1");
    assertEquals(201, first.status());
    Reply retry = api.send("POST", "/users", ANN, "key-1");
    assertEquals(409, retry.status(), "the retry meets the user the first call created");
    assertEquals("email_taken", retry.errorCode());
    Reply patched = api.send("PATCH", "/users/u_0000001", "{\"first_name\":\"B\"}", "key-1");
    assertEquals(200, patched.status(), "no reuse check either");
    assertNotEquals(first.body(), patched.body());
  }
}
