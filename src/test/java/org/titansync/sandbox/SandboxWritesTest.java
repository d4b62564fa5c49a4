package org.titansync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.titansync.sandbox.ApiCaller.Reply;

/** The contract's writes (create, patch, memberships), over real HTTP, against a small tenant. */
class SandboxWritesTest {
  private SandboxServer server;
  private ApiCaller api;

  @BeforeEach
  void start() throws Exception {
    server = SandboxServer.start(SandboxOptions.defaults());
    server.importState(SandboxApiTest.smallTenant());
    api = new ApiCaller(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String create(String externalId, String first, String email) throws Exception {
    return SandboxApiTest.create(api, externalId, first, email);
  }

  private static void assertError(Reply reply, int status, String code) {
    SandboxApiTest.assertError(reply, status, code);
  }

  private static String field(Reply reply, String name) {
    return SandboxApiTest.field(reply, name);
  }

  @Test
  void createReturns201WithActiveUserTimestampsAndMemberships() throws Exception {
    Reply r =
        api.post(
            "/users",
            """
            {"external_id": "E7", "first_name": "José", "last_name": "Núñez",
             "email": "jose@example.org", "status": "inactive", "favourite_colour": "blue",
             "memberships": [{"site_id": "s_b", "role_ids": ["r_t", "r_p", "r_t"]},
                             {"site_id": "s_a", "role_ids": ["r_n"]}]}
            """);
    assertEquals(201, r.status());
    JsonNode u = r.body();
    assertTrue(u.get("id").asText().matches("u_\\d{7}"));
    assertEquals("E7", u.get("external_id").asText());
    assertEquals("Núñez", u.get("last_name").asText());
    assertEquals("active", u.get("status").asText(), "new users are active; status is ignored");
    assertFalse(u.has("favourite_colour"));
    Instant created = Instant.parse(u.get("created_at").asText());
    assertEquals(created, Instant.parse(u.get("updated_at").asText()));
    assertEquals("s_a", u.get("memberships").get(0).get("site_id").asText());
    assertEquals(
        "[\"r_t\",\"r_p\"]", u.get("memberships").get(1).get("role_ids").toString(), "deduped");
    assertEquals(u, api.get("/users/" + u.get("id").asText()).body());
    assertEquals(1, server.mutationCount());
  }

  @Test
  void createValidatesFieldsAndNamesEachInDetails() throws Exception {
    Reply missing = api.post("/users", "{\"first_name\": \"\"}");
    assertError(missing, 422, "validation_failed");
    assertNotNull(field(missing, "first_name"));
    assertNotNull(field(missing, "last_name"));
    assertNotNull(field(missing, "email"));

    String longName = "a".repeat(101);
    Reply tooLong =
        api.post(
            "/users",
            "{\"first_name\":\"" + longName + "\",\"last_name\":\"B\",\"email\":\"x@y.org\"}");
    assertError(tooLong, 422, "validation_failed");
    assertNotNull(field(tooLong, "first_name"));
    assertNull(field(tooLong, "last_name"));

    for (String email : List.of("no-at-sign", "a@b", "a b@c.org", "a@@b.org")) {
      Reply bad =
          api.post(
              "/users", "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"" + email + "\"}");
      assertError(bad, 422, "validation_failed");
      assertNotNull(field(bad, "email"), email);
    }
    String email255 = "a".repeat(243) + "@example.org";
    assertEquals(255, email255.length());
    assertNotNull(
        field(
            api.post(
                "/users",
                "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"" + email255 + "\"}"),
            "email"));
    Reply wrongType =
        api.post("/users", "{\"first_name\":1,\"last_name\":\"B\",\"email\":\"x@y.org\"}");
    assertNotNull(field(wrongType, "first_name"));
    assertEquals(0, server.users().size(), "nothing was created");

    // the limits themselves are fine: 100 characters (counted as characters, not bytes), 254
    String hundred = "é".repeat(100);
    String email254 = "a".repeat(242) + "@example.org";
    assertEquals(
        201,
        api.post(
                "/users",
                "{\"first_name\":\""
                    + hundred
                    + "\",\"last_name\":\"B\",\"email\":\""
                    + email254
                    + "\"}")
            .status());
  }

  @Test
  void createRefusesTakenEmailAnyCaseAndTakenExternalIdNamingTheHolder() throws Exception {
    String ann = create("E1", "Ann", "ann@example.org");
    Reply email =
        api.post(
            "/users",
            "{\"external_id\":\"E2\",\"first_name\":\"A\",\"last_name\":\"B\","
                + "\"email\":\"ANN@Example.org\"}");
    assertError(email, 409, "email_taken");
    assertEquals(ann, email.body().get("error").get("details").get("existing_user_id").asText());
    Reply external =
        api.post(
            "/users",
            "{\"external_id\":\"E1\",\"first_name\":\"A\",\"last_name\":\"B\","
                + "\"email\":\"other@example.org\"}");
    assertError(external, 409, "external_id_taken");
    assertEquals(ann, external.body().get("error").get("details").get("existing_user_id").asText());
    // several hand-made accounts (external_id null) may coexist
    create(null, "Hand", "hand1@example.org");
    create(null, "Made", "hand2@example.org");
    assertEquals(3, server.users().size());
  }

  @Test
  void createRefusesUnknownSitesAndRoles() throws Exception {
    Reply site =
        api.post(
            "/users",
            "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.org\","
                + "\"memberships\":[{\"site_id\":\"s_zz\",\"role_ids\":[\"r_t\"]}]}");
    assertError(site, 422, "unknown_site");
    assertEquals("s_zz", site.body().get("error").get("details").get("site_id").asText());
    Reply role =
        api.post(
            "/users",
            "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@b.org\","
                + "\"memberships\":[{\"site_id\":\"s_a\",\"role_ids\":[\"r_zz\"]}]}");
    assertError(role, 422, "unknown_role");
    assertEquals("r_zz", role.body().get("error").get("details").get("role_id").asText());
    assertEquals(0, server.users().size());
  }

  @Test
  void malformedJsonGetsAnErrorBodyAndChangesNothing() throws Exception {
    Reply broken = api.post("/users", "{\"first_name\": ");
    assertEquals(400, broken.status());
    assertEquals("malformed_json", broken.errorCode());
    assertError(api.post("/users", "[1, 2]"), 422, "validation_failed");
    assertEquals(400, api.post("/users", "").status());
    assertEquals(0, server.users().size());
  }

  // ---- get / patch ----

  @Test
  void unknownUserIs404() throws Exception {
    assertError(api.get("/users/u_0000042"), 404, "user_not_found");
    assertError(api.patch("/users/u_0000042", "{\"first_name\":\"X\"}"), 404, "user_not_found");
  }

  @Test
  void patchChangesOnlyTheFieldsSent() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    JsonNode before = api.get("/users/" + id).body();
    Reply r = api.patch("/users/" + id, "{\"last_name\":\"Smith\",\"unknown\":true}");
    assertEquals(200, r.status());
    assertEquals("Smith", r.body().get("last_name").asText());
    for (String same :
        List.of("id", "external_id", "first_name", "email", "status", "created_at")) {
      assertEquals(before.get(same), r.body().get(same), same);
    }
    assertEquals(before.get("memberships"), r.body().get("memberships"));
    assertFalse(
        Instant.parse(r.body().get("updated_at").asText())
            .isBefore(Instant.parse(before.get("updated_at").asText())));

    Reply inactive = api.patch("/users/" + id, "{\"status\":\"inactive\"}");
    assertEquals("inactive", inactive.body().get("status").asText());
    Reply cleared = api.patch("/users/" + id, "{\"external_id\":null}");
    assertTrue(cleared.body().get("external_id").isNull());
    assertTrue(api.get("/users?external_id=E1").body().get("data").isEmpty());
    Reply relinked = api.patch("/users/" + id, "{\"external_id\":\"E9\"}");
    assertEquals("E9", relinked.body().get("external_id").asText());
  }

  @Test
  void patchValidatesAndNeedsAtLeastOneField() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    assertError(api.patch("/users/" + id, "{}"), 422, "validation_failed");
    assertError(api.patch("/users/" + id, "{\"nickname\":\"A\"}"), 422, "validation_failed");
    Reply bad =
        api.patch(
            "/users/" + id,
            "{\"first_name\":\"\",\"last_name\":null,\"email\":\"nope\",\"status\":\"gone\"}");
    assertError(bad, 422, "validation_failed");
    for (String f : List.of("first_name", "last_name", "email", "status")) {
      assertNotNull(field(bad, f), f);
    }
    assertEquals("Ann", server.users().get(0).get("first_name"));
  }

  @Test
  void patchEmailConflictsOnlyWithOtherUsers() throws Exception {
    String ann = create("E1", "Ann", "ann@example.org");
    String bob = create("E2", "Bob", "bob@example.org");
    Reply ownCase = api.patch("/users/" + ann, "{\"email\":\"Ann@Example.ORG\"}");
    assertEquals(200, ownCase.status(), "a user's own email in another case is no conflict");
    assertEquals("Ann@Example.ORG", ownCase.body().get("email").asText());
    Reply taken = api.patch("/users/" + ann, "{\"email\":\"BOB@example.org\"}");
    assertError(taken, 409, "email_taken");
    assertEquals(bob, taken.body().get("error").get("details").get("existing_user_id").asText());
    Reply ext = api.patch("/users/" + ann, "{\"external_id\":\"E2\"}");
    assertError(ext, 409, "external_id_taken");
    assertEquals(bob, ext.body().get("error").get("details").get("existing_user_id").asText());
    assertEquals(200, api.patch("/users/" + ann, "{\"external_id\":\"E1\"}").status());
    // after a move, the old email is free again
    assertEquals(200, api.patch("/users/" + bob, "{\"email\":\"robert@example.org\"}").status());
    assertEquals(200, api.patch("/users/" + ann, "{\"email\":\"bob@example.org\"}").status());
  }

  // ---- memberships ----

  @Test
  void putCreatesAndReplacesTheRoleSetAtASite() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    Reply added = api.put("/users/" + id + "/memberships/s_b", "{\"role_ids\":[\"r_p\",\"r_n\"]}");
    assertEquals(200, added.status());
    assertEquals("s_b", added.body().get("site_id").asText());
    assertEquals("[\"r_p\",\"r_n\"]", added.body().get("role_ids").toString());
    Reply replaced = api.put("/users/" + id + "/memberships/s_a", "{\"role_ids\":[\"r_p\"]}");
    assertEquals("[\"r_p\"]", replaced.body().get("role_ids").toString());
    JsonNode memberships = api.get("/users/" + id).body().get("memberships");
    assertEquals(2, memberships.size());
    assertEquals("[\"r_p\"]", memberships.get(0).get("role_ids").toString());
  }

  @Test
  void putRefusesEmptyRolesUnknownUserSiteAndRole() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    Reply empty = api.put("/users/" + id + "/memberships/s_b", "{\"role_ids\":[]}");
    assertError(empty, 422, "validation_failed");
    assertNotNull(field(empty, "role_ids"));
    assertError(api.put("/users/" + id + "/memberships/s_b", "{}"), 422, "validation_failed");
    assertError(
        api.put("/users/u_0000099/memberships/s_b", "{\"role_ids\":[\"r_t\"]}"),
        404,
        "user_not_found");
    assertError(
        api.put("/users/" + id + "/memberships/s_zz", "{\"role_ids\":[\"r_t\"]}"),
        404,
        "site_not_found");
    assertError(
        api.put("/users/" + id + "/memberships/s_b", "{\"role_ids\":[\"r_t\",\"r_zz\"]}"),
        422,
        "unknown_role");
    assertEquals(1, api.get("/users/" + id).body().get("memberships").size());
  }

  @Test
  void deleteRemovesTheMembershipOnce() throws Exception {
    String id = create("E1", "Ann", "ann@example.org");
    Reply removed = api.delete("/users/" + id + "/memberships/s_a");
    assertEquals(204, removed.status());
    assertTrue(removed.body().isMissingNode(), "204 has no body");
    assertTrue(api.get("/users/" + id).body().get("memberships").isEmpty());
    assertError(api.delete("/users/" + id + "/memberships/s_a"), 404, "not_a_member");
    assertError(api.delete("/users/u_0000099/memberships/s_a"), 404, "user_not_found");
  }
}
