package org.titansync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.titansync.sandbox.TitanState.NewUser;
import org.titansync.sandbox.TitanState.Page;
import org.titansync.sandbox.TitanState.User;
import org.titansync.sandbox.TitanState.UserPatch;

/**
 * The contract's endpoints below the base path: authentication, permissions, request validation,
 * paging and idempotency, over a {@link TitanState}. Knows nothing of sockets or fault injection.
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

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;
  static final int MAX_IDEMPOTENCY_KEY = 255;

  /** Something@domain.tld, no spaces; what a JSON Schema "email" format check accepts, roughly. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
    List<String> path = segments(call.path());
    String method = call.method();
    int n = path.size();
    if (n == 1 && path.get(0).equals("sites")) {
      allow(method, "GET");
      permit(caller, false, true);
      Map<String, String> q = query(call.query());
      Page<TitanState.Site> page = state.sites(cursor(q, "sites"), limit(q));
      return pageJson(
          page.items(), page.more(), "sites", TitanState.Site::id, StateCodec::siteJson);
    }
    if (n == 1 && path.get(0).equals("roles")) {
      allow(method, "GET");
      permit(caller, false, false);
      Map<String, String> q = query(call.query());
      Page<TitanState.Role> page = state.roles(cursor(q, "roles"), limit(q));
      return pageJson(
          page.items(), page.more(), "roles", TitanState.Role::id, StateCodec::roleJson);
    }
    if (n == 1 && path.get(0).equals("users")) {
      allow(method, "GET", "POST");
      if (method.equals("GET")) {
        permit(caller, false, false);
        return listUsers(query(call.query()));
      }
      permit(caller, true, false);
      return keyed(call, caller, () -> createUser(object(call.body())));
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
      return keyed(call, caller, () -> patchUser(userId, object(call.body())));
    }
    if (n == 4 && path.get(0).equals("users") && path.get(2).equals("memberships")) {
      String userId = path.get(1);
      String siteId = path.get(3);
      allow(method, "PUT", "DELETE");
      permit(caller, true, false);
      if (method.equals("PUT")) {
        List<String> roleIds = putBody(object(call.body()));
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
    int limit = limit(q);
    String after = cursor(q, "users");
    String externalId = q.get("external_id");
    String email = q.get("email");
    if (externalId == null && email == null) {
      Page<User> page = state.users(after, limit);
      return pageJson(page.items(), page.more(), "users", User::id, StateCodec::userJson);
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
    return pageJson(found, false, "users", User::id, StateCodec::userJson);
  }

  private static <T> ApiResponse pageJson(
      List<T> items,
      boolean more,
      String list,
      Function<T, String> id,
      Function<T, ObjectNode> json) {
    ObjectNode root = NODES.objectNode();
    ArrayNode data = root.putArray("data");
    items.forEach(item -> data.add(json.apply(item)));
    if (more && !items.isEmpty()) {
      root.put("next_cursor", cursorFor(list, id.apply(items.get(items.size() - 1))));
    } else {
      root.putNull("next_cursor");
    }
    return ApiResponse.json(200, root);
  }

  /** Opaque to clients: the list's name and the last id returned, base64url. */
  static String cursorFor(String list, String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ':' + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static String cursor(Map<String, String> q, String list) {
    String cursor = q.get("cursor");
    if (cursor == null) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(list + ':') && decoded.length() > list.length() + 1) {
        return decoded.substring(list.length() + 1);
      }
    } catch (IllegalArgumentException e) {
      // not base64: refused below like any foreign cursor
    }
    throw ApiError.validation("cursor", "is not a next_cursor of this list");
  }

  private static int limit(Map<String, String> q) {
    String text = q.get("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiError.validation("limit", "must be an integer from 1 to " + MAX_LIMIT);
  }

  // ---- writes ----

  private ApiResponse createUser(ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    String firstName = name(body, "first_name", true, problems);
    String lastName = name(body, "last_name", true, problems);
    String email = email(body, true, problems);
    String externalId = externalId(body, problems);
    SortedMap<String, List<String>> memberships = memberships(body.get("memberships"), problems);
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    User user = state.create(new NewUser(externalId, firstName, lastName, email, memberships));
    return ApiResponse.json(201, StateCodec.userJson(user));
  }

  private ApiResponse patchUser(String userId, ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    String firstName = name(body, "first_name", false, problems);
    String lastName = name(body, "last_name", false, problems);
    String email = email(body, false, problems);
    String externalId = externalId(body, problems);
    String status = null;
    JsonNode statusNode = body.get("status");
    if (statusNode != null) {
      status = statusNode.asText();
      if (!statusNode.isTextual() || !(status.equals("active") || status.equals("inactive"))) {
        problems.put("status", "must be active or inactive");
      }
    }
    boolean any = false;
    for (String field : List.of("external_id", "first_name", "last_name", "email", "status")) {
      any |= body.has(field);
    }
    if (!any) {
      problems.put(
          "body", "must set at least one of external_id, first_name, last_name, email, status");
    }
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    User user =
        state.patch(
            userId,
            new UserPatch(body.has("external_id"), externalId, firstName, lastName, email, status));
    return ApiResponse.json(200, StateCodec.userJson(user));
  }

  private static List<String> putBody(ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    List<String> roleIds = roleIds(body.get("role_ids"), "role_ids", problems);
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    return roleIds;
  }

  // ---- field checks: each adds "field -> reason" to problems ----

  private static String name(
      ObjectNode body, String field, boolean required, Map<String, String> problems) {
    String value = text(body, field, required, problems);
    if (value != null) {
      int length = value.codePointCount(0, value.length());
      if (length < 1) {
        problems.put(field, "must not be empty");
      } else if (length > MAX_NAME) {
        problems.put(field, "must be at most " + MAX_NAME + " characters");
      }
    }
    return value;
  }

  private static String email(ObjectNode body, boolean required, Map<String, String> problems) {
    String value = text(body, "email", required, problems);
    if (value != null) {
      if (value.codePointCount(0, value.length()) > MAX_EMAIL) {
        problems.put("email", "must be at most " + MAX_EMAIL + " characters");
      } else if (!EMAIL.matcher(value).matches()) {
        problems.put("email", "is not a valid email address");
      }
    }
    return value;
  }

  private static String text(
      ObjectNode body, String field, boolean required, Map<String, String> problems) {
    JsonNode node = body.get(field);
    if (node == null) {
      if (required) {
        problems.put(field, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.put(field, "must be a string");
      return null;
    }
    return node.asText();
  }

  private static String externalId(ObjectNode body, Map<String, String> problems) {
    JsonNode node = body.get("external_id");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.put("external_id", "must be a string or null");
      return null;
    }
    return node.asText();
  }

  private static SortedMap<String, List<String>> memberships(
      JsonNode node, Map<String, String> problems) {
    SortedMap<String, List<String>> memberships = new TreeMap<>();
    if (node == null || node.isNull()) {
      return memberships;
    }
    if (!node.isArray()) {
      problems.put("memberships", "must be an array");
      return memberships;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "memberships[" + i + "]";
      JsonNode m = node.get(i);
      if (!m.isObject()) {
        problems.put(at, "must be an object with site_id and role_ids");
        continue;
      }
      JsonNode site = m.get("site_id");
      List<String> roles = roleIds(m.get("role_ids"), at + ".role_ids", problems);
      if (site == null || !site.isTextual()) {
        problems.put(at + ".site_id", "is required and must be a string");
      } else if (memberships.containsKey(site.asText())) {
        problems.put(at + ".site_id", "repeats the site of an earlier membership");
      } else if (roles != null) {
        memberships.put(site.asText(), roles);
      }
    }
    return memberships;
  }

  /** At least one role id; duplicates are dropped, the order kept. */
  private static List<String> roleIds(JsonNode node, String field, Map<String, String> problems) {
    if (node == null || node.isNull()) {
      problems.put(field, "is required");
      return null;
    }
    if (!node.isArray()) {
      problems.put(field, "must be an array of role ids");
      return null;
    }
    if (node.isEmpty()) {
      problems.put(field, "must hold at least one role id");
      return null;
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (JsonNode id : node) {
      if (!id.isTextual()) {
        problems.put(field, "must hold only strings");
        return null;
      }
      ids.add(id.asText());
    }
    return List.copyOf(ids);
  }

  // ---- request parsing ----

  private static ObjectNode object(String body) {
    JsonNode node;
    try {
      node = StateCodec.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400, "malformed_json", "The body is not valid JSON: " + e.getOriginalMessage(), Map.of());
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiError(
          400, "malformed_json", "The body is empty; a JSON object is required", Map.of());
    }
    if (!node.isObject()) {
      throw ApiError.validation("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    int start = rawPath.startsWith("/") ? 1 : 0;
    while (start < rawPath.length()) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? rawPath.length() : slash;
      segments.add(decode(rawPath.substring(start, end).replace("+", "%2B")));
      start = end + 1;
    }
    return segments;
  }

  /** Query parameters, form-decoded; the first of repeated names wins. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      String pair = rawQuery.substring(start, end);
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.putIfAbsent(name, value);
      }
      start = end + 1;
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "bad_request", "Badly escaped URL: " + text, Map.of());
    }
  }
}
