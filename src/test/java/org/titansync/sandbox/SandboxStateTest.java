package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.ApiCaller.Reply;

/** Seeds, the state file across restarts, snapshots, and a district of 100,000 users. */
class SandboxStateTest {

  @TempDir Path dir;

  private Path writeSeed(Map<String, Object> seed) throws Exception {
    Path file = dir.resolve("seed.json");
    ApiCaller.JSON.writeValue(file.toFile(), seed);
    return file;
  }

  @Test
  void theBuiltInSampleSeedLoadsByDefault() throws Exception {
    try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults())) {
      ApiCaller api = new ApiCaller(server);
      Reply sites = api.get("/sites");
      List<String> names = sites.body().findValuesAsText("name");
      assertTrue(names.contains("Lincoln Elementary"), names.toString());
      assertEquals(200, api.withKey("readonly-key").get("/users?limit=1").status());
      assertFalse(server.users().isEmpty());
    }
  }

  @Test
  void stateIsSavedWhileRunningAndOnCloseAndReloadedOnRestart() throws Exception {
    Path state = dir.resolve("state/titan.json");
    SandboxOptions options =
        SandboxOptions.defaults()
            .withSeedFile(writeSeed(SandboxApiTest.smallTenant()))
            .withStateFile(state);
    String firstId;
    try (SandboxServer server = SandboxServer.start(options)) {
      ApiCaller api = new ApiCaller(server);
      firstId =
          api.post(
                  "/users",
                  "{\"external_id\":\"E1\",\"first_name\":\"Ann\",\"last_name\":\"Lee\","
                      + "\"email\":\"ann@example.org\"}")
              .body()
              .get("id")
              .asText();
      // saved within about a second, without waiting for close
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!Files.exists(state) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(Files.exists(state), "state saved while running");
      assertEquals(1, ApiCaller.JSON.readTree(state.toFile()).get("users").size());
      api.put("/users/" + firstId + "/memberships/s_b", "{\"role_ids\":[\"r_p\"]}");
    }
    JsonNode saved = ApiCaller.JSON.readTree(state.toFile());
    assertEquals(
        "s_b", saved.get("users").get(0).get("memberships").get(0).get("site_id").asText());
    try (Stream<Path> files = Files.list(state.getParent())) {
      assertEquals(
          List.of(state),
          files.filter(f -> !f.getFileName().toString().endsWith(".lock")).toList(),
          "no temp files left behind");
    }

    // restart: the state file wins over the seed, and ids continue
    try (SandboxServer again = SandboxServer.start(options)) {
      ApiCaller api = new ApiCaller(again);
      assertEquals("Ann", api.get("/users/" + firstId).body().get("first_name").asText());
      Reply second =
          api.post(
              "/users",
              "{\"first_name\":\"Bo\",\"last_name\":\"Kim\",\"email\":\"bo@example.org\"}");
      assertEquals("u_0000002", second.body().get("id").asText());
      assertEquals(
          409,
          api.post(
                  "/users",
                  "{\"first_name\":\"A\",\"last_name\":\"L\"," + "\"email\":\"ANN@example.org\"}")
              .status(),
          "indexes are rebuilt on load");
    }
  }

  @Test
  void oneSandboxPerStateFileAndTheNextReadsWhatTheFirstSaved() throws Exception {
    Path state = dir.resolve("state.json");
    SandboxOptions options =
        SandboxOptions.defaults()
            .withSeedFile(writeSeed(SandboxApiTest.smallTenant()))
            .withStateFile(state);
    SandboxServer first = SandboxServer.start(options, new StateOwner("the first", true));
    try {
      SandboxServer.StateInUse busy =
          assertThrows(SandboxServer.StateInUse.class, () -> SandboxServer.start(options));
      assertNotNull(busy.holder(), busy.getMessage());
      assertEquals(ProcessHandle.current().pid(), busy.holder().pid());
      assertEquals(first.baseUrl(), busy.holder().url());
      assertTrue(busy.holder().servesOthers());
      assertTrue(busy.holder().loopbackUrl());
      assertTrue(busy.getMessage().contains("the first, at " + first.baseUrl()), busy.getMessage());
      assertEquals(busy.holder(), SandboxServer.holderOf(state).orElseThrow());
      new ApiCaller(first)
          .post("/users", "{\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"email\":\"a@x.org\"}");
    } finally {
      first.close();
    }
    assertTrue(SandboxServer.holderOf(state).isEmpty(), "a lock let go says nobody holds it");
    try (SandboxServer next = SandboxServer.start(options)) {
      assertTrue(
          next.users().stream().anyMatch(u -> "a@x.org".equals(u.get("email"))),
          "the next sandbox starts from what the first saved as it stopped");
    }
  }

  @Test
  void exportAndImportRoundTrip() throws Exception {
    try (SandboxServer a = SandboxServer.start(SandboxOptions.defaults());
        SandboxServer b = SandboxServer.start(SandboxOptions.defaults())) {
      a.importState(SandboxApiTest.smallTenant());
      new ApiCaller(a)
          .post(
              "/users",
              "{\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"email\":\"ann@example.org\","
                  + "\"memberships\":[{\"site_id\":\"s_a\",\"role_ids\":[\"r_t\"]}]}");
      Map<String, Object> snapshot = a.exportState();
      b.importState(snapshot);
      assertEquals(snapshot, b.exportState());
      assertEquals(a.users(), b.users());
      assertEquals(2L, ((Number) snapshot.get("next_user_number")).longValue());
    }
  }

  @Test
  void aSeedBreakingTheRulesIsRefused() throws Exception {
    Map<String, Object> user1 =
        Map.of("id", "u_0000001", "first_name", "A", "last_name", "B", "email", "x@example.org");
    Map<String, Object> user2 =
        Map.of("id", "u_0000002", "first_name", "C", "last_name", "D", "email", "X@Example.org");
    Path duplicate = writeSeed(Map.of("users", List.of(user1, user2)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SandboxServer.start(SandboxOptions.defaults().withSeedFile(duplicate)));
    assertTrue(e.getMessage().contains("share the email"), e.getMessage());

    try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults())) {
      server.importState(SandboxApiTest.smallTenant());
      assertThrows(
          IllegalArgumentException.class,
          () -> server.seedUser("E1", "A", "B", "a@b.org", Map.of("s_nowhere", List.of("r_t"))));
      String id = server.seedUser("E1", "A", "B", "a@b.org", Map.of("s_a", List.of("r_t")));
      assertEquals("u_0000001", id);
    }
  }

  @Test
  void aHundredThousandUsersLoadAndPageQuickly() throws Exception {
    int count = 100_000;
    Path seed = dir.resolve("big.json");
    try (OutputStream out = Files.newOutputStream(seed);
        JsonGenerator g = ApiCaller.JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("sites");
      g.writeStartObject();
      g.writeStringField("id", "s_1");
      g.writeStringField("name", "Big School");
      g.writeEndObject();
      g.writeEndArray();
      g.writeArrayFieldStart("roles");
      g.writeStartObject();
      g.writeStringField("id", "r_1");
      g.writeStringField("name", "Teacher");
      g.writeEndObject();
      g.writeEndArray();
      g.writeArrayFieldStart("users");
      for (int i = 1; i <= count; i++) {
        g.writeStartObject();
        g.writeStringField("id", String.format("u_%07d", i));
        g.writeStringField("external_id", "E" + i);
        g.writeStringField("first_name", "First" + i);
        g.writeStringField("last_name", "Last" + i);
        g.writeStringField("email", "person" + i + "@example.org");
        g.writeArrayFieldStart("memberships");
        g.writeStartObject();
        g.writeStringField("site_id", "s_1");
        g.writeArrayFieldStart("role_ids");
        g.writeString("r_1");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withSeedFile(seed))) {
      ApiCaller api = new ApiCaller(server);
      int seen = 0;
      int pages = 0;
      String last = "";
      String cursor = null;
      do {
        Reply page = api.get("/users?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
        assertEquals(200, page.status());
        for (JsonNode user : page.body().get("data")) {
          String id = user.get("id").asText();
          assertTrue(id.compareTo(last) > 0, "ascending ids");
          last = id;
          seen++;
        }
        pages++;
        JsonNode next = page.body().get("next_cursor");
        cursor = next.isNull() ? null : next.asText();
      } while (cursor != null);
      assertEquals(count, seen);
      assertEquals(200, pages);
      assertEquals("u_0100000", last);
      assertNotNull(api.get("/users?external_id=E99999").body().get("data").get(0));
    }
  }
}
