package org.titansync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.titansync.sandbox.TitanState.Page;
import org.titansync.sandbox.TitanState.User;

/**
 * The contract's endpoints below the base path: authentication, permissions, routing and
 * idempotency, over a {@link TitanState}; the bodies are checked by {@link UserBodies}, the lists
 * paged by {@link Paging}. Knows nothing of sockets or fault injection.
 */
final class TitanApi {

  /**
   * One request as the API sees it.
   *
   * @param path the raw path below the base path, e.g. {@code /users/u_0000001}
   * @param query the raw query string, or null
   * @param authorization the Authorization header, or null
   * @param idempotencyKey the Idempotency-Key header, or null
   * @param body the request body as text (empty when none)
   */
  record Call(
      String method,
      String path,
      String query,
      String authorization,
      String idempotencyKey,
      String body) {}

  static final int MAX_IDEMPOTENCY_KEY = 255;

  private record Caller(String apiKey, String access) {}

  private final TitanState state;
  private final IdempotencyLedger ledger;
  private final String adminKey;
  private final Clock clock;
  private volatile boolean ignoreIdempotency;

  TitanApi(
      TitanState state,
      IdempotencyLedger ledger,
      String adminKey,
      Clock clock,
      boolean ignoreIdempotency) {
    this.state = state;
    this.ledger = ledger;
    this.adminKey = adminKey;
    this.clock = clock;
    this.ignoreIdempotency = ignoreIdempotency;
  }

  void ignoreIdempotency(boolean value) {
    ignoreIdempotency = value;
  }

  ApiResponse handle(Call call) {
    Caller caller = authenticate(call.authorization());
    if (caller == null) {
      return ApiResponse.error(
              401,
              "unauthorized",
              "Missing or unknown API key (Authorization: Bearer <key>)",
              Map.of())
          .withHeader("WWW-Authenticate", "Bearer");
    }
    return answer(() -> route(call, caller));
  }

  private static ApiResponse answer(Supplier<ApiResponse> work) {
    try {
      return work.get();
    } catch (ApiError e) {
      return ApiResponse.error(e);
    }
  }

  private Caller authenticate(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String key = value.substring(7).trim();
    if (key.equals(adminKey)) {
      return new Caller(key, "admin");
    }
    String access = state.accessOf(key);
    return access == null ? null : new Caller(key, access);
  }

  /** "admin" may do everything; "readonly" may read users and roles; any other level nothing. */
  private static void permit(Caller caller, boolean write, boolean sites) {
    boolean allowed =
        caller.access().equals("admin") || (caller.access().equals("readonly") && !write && !sites);
    if (!allowed) {
      throw new ApiError(
          403,
          "forbidden",
          "This API key may not " + (write ? "change users" : "read this list"),
          Map.of("access", caller.access()));
    }
  }

  private ApiResponse route(Call call, Caller caller) {
    List<String> path = UrlParts.segments(call.path());
    String method = call.method();
    int n = path.size();
    if (n == 1 && path.get(0).equals("sites")) {
      allow(method, "GET");
      permit(caller, false, true);
      Map<String, String> q = UrlParts.query(call.query());
      Page<TitanState.Site> page = state.sites(Paging.cursor(q, "sites"), Paging.limit(q));
      return Paging.page(
          page.items(), page.more(), "sites", TitanState.Site::id, StateCodec::siteJson);
    }
    if (n == 1 && path.get(0).equals("roles")) {
      allow(method, "GET");
      permit(caller, false, false);
      Map<String, String> q = UrlParts.query(call.query());
      Page<TitanState.Role> page = state.roles(Paging.cursor(q, "roles"), Paging.limit(q));
      return Paging.page(
          page.items(), page.more(), "roles", TitanState.Role::id, StateCodec::roleJson);
    }
    if (n == 1 && path.get(0).equals("users")) {
      allow(method, "GET", "POST");
      if (method.equals("GET")) {
        permit(caller, false, false);
        return listUsers(UrlParts.query(call.query()));
      }
      permit(caller, true, false);
      return keyed(call, caller, () -> createUser(UserBodies.object(call.body())));
    }
    if (n == 2 && path.get(0).equals("users")) {
      String userId = path.get(1);
      allow(method, "GET", "PATCH");
      if (method.equals("GET")) {
        permit(caller, false, false);
        User user = state.user(userId);
        if (user == null) {
          throw ApiError.notFound(
              "user_not_found", "No user with id " + userId, Map.of("user_id", userId));
        }
        return ApiResponse.json(200, StateCodec.userJson(user));
      }
      permit(caller, true, false);
      return keyed(call, caller, () -> patchUser(userId, UserBodies.object(call.body())));
    }
    if (n == 4 && path.get(0).equals("users") && path.get(2).equals("memberships")) {
      String userId = path.get(1);
      String siteId = path.get(3);
      allow(method, "PUT", "DELETE");
      permit(caller, true, false);
      if (method.equals("PUT")) {
        List<String> roleIds = UserBodies.membershipRoles(UserBodies.object(call.body()));
        List<String> stored = state.putMembership(userId, siteId, roleIds);
        return ApiResponse.json(200, StateCodec.membershipJson(siteId, stored));
      }
      state.deleteMembership(userId, siteId);
      return ApiResponse.noContent();
    }
    throw ApiError.notFound("not_found", "No such endpoint: " + call.path(), Map.of());
  }

  private static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new ApiError(
        405,
        "method_not_allowed",
        method + " is not allowed here",
        Map.of("allowed", List.of(allowed)));
  }

  /** POST and PATCH honour Idempotency-Key, unless this Titan is told to ignore it. */
  private ApiResponse keyed(Call call, Caller caller, Supplier<ApiResponse> write) {
    String key = call.idempotencyKey();
    if (key == null || ignoreIdempotency) {
      return write.get();
    }
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
      throw ApiError.validation("Idempotency-Key", "must be 1 to 255 characters");
    }
    JsonNode parsed;
    try {
      parsed = StateCodec.MAPPER.readTree(call.body());
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    IdempotencyLedger.Request request =
        new IdempotencyLedger.Request(
            call.method(), call.path(), parsed, parsed == null ? call.body() : null);
    return ledger.once(caller.apiKey(), key, request, clock.instant(), () -> answer(write));
  }

  // ---- lists ----

  private ApiResponse listUsers(Map<String, String> q) {
    int limit = Paging.limit(q);
    String after = Paging.cursor(q, "users");
    String externalId = q.get("external_id");
    String email = q.get("email");
    if (externalId == null && email == null) {
      Page<User> page = state.users(after, limit);
      return Paging.page(page.items(), page.more(), "users", User::id, StateCodec::userJson);
    }
    // both filters are unique keys, so at most one user matches
    User user = externalId != null ? state.userByExternalId(externalId) : state.userByEmail(email);
    List<User> found = new ArrayList<>(1);
    if (user != null
        && (externalId == null || externalId.equals(user.externalId()))
        && (email == null || TitanState.lower(email).equals(TitanState.lower(user.email())))
        && (after == null || user.id().compareTo(after) > 0)) {
      found.add(user);
    }
    return Paging.page(found, false, "users", User::id, StateCodec::userJson);
  }

  // ---- writes ----

  private ApiResponse createUser(ObjectNode body) {
    User user = state.create(UserBodies.newUser(body));
    return ApiResponse.json(201, StateCodec.userJson(user));
  }

  private ApiResponse patchUser(String userId, ObjectNode body) {
    User user = state.patch(userId, UserBodies.patch(body));
    return ApiResponse.json(200, StateCodec.userJson(user));
  }
}
