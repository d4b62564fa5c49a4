package org.titansync.titan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.titansync.config.Secret;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * The Titan HST contract (docs/titan-api.md) in one place: every path, query parameter, header and
 * JSON field name titan-sync uses lives in this class. Reads (the snapshot, look-ups) are made here
 * with the JDK's {@link HttpURLConnection}; writes are rendered here as {@link WriteRequest}s and
 * sent by the apply route, whose answers come back here to be read.
 */
public final class TitanClient {

  /**
   * How every call to Titan names its sender ({@code titan-sync/VERSION}), for Titan's and the
   * district proxy's logs.
   */
  public static final String USER_AGENT =
      "titan-sync/"
          + Objects.requireNonNullElse(
              TitanClient.class.getPackage().getImplementationVersion(), "dev");

  /** Header carrying the key that makes POST and PATCH replay-safe. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final int MAX_READ_ATTEMPTS = 5;
  private static final long MAX_READ_BACKOFF_MS = 10_000;

  private final URI baseUrl;
  private final Supplier<String> apiKey;
  private final Duration timeout;
  private final int pageSize;

  /** The HTTP proxy to Titan, or null for the JVM's own proxy settings. */
  private final Proxy proxy;

  /**
   * Jackson, loaded on first use: the snapshot read needs only the streaming parser, and its thread
   * should not wait for the object mapper's few hundred classes (writes and error bodies use it).
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
  }

  private static final class Streams {
    static final JsonFactory FACTORY = new JsonFactory();

    private Streams() {}
  }

  /**
   * @param baseUrl e.g. {@code https://titan.example.org/api/v1}
   * @param apiKey read on every call, never stored in a field that prints
   * @param pageSize 1..500, the {@code limit} of each list page
   */
  public TitanClient(URI baseUrl, Supplier<String> apiKey, Duration timeout, int pageSize) {
    this(baseUrl, apiKey, timeout, pageSize, Optional.empty());
  }

  /**
   * @param proxy the HTTP proxy every read goes through ({@code titan.proxy}); empty for the JVM's
   *     own proxy settings
   */
  public TitanClient(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      int pageSize,
      Optional<InetSocketAddress> proxy) {
    this.proxy = proxy.map(address -> new Proxy(Proxy.Type.HTTP, address)).orElse(null);
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.pageSize = Math.max(1, Math.min(500, pageSize));
  }

  public URI baseUrl() {
    return baseUrl;
  }

  // ---------------------------------------------------------------- reads

  /** One cheap authenticated call: throws AUTH for a refused key, UNREACHABLE when no answer. */
  public void checkAccess() throws TitanException {
    get("/sites?limit=1");
  }

  /** Told about a snapshot's parts as they arrive: sites and roles first, then the users. */
  public interface SnapshotListener {
    /** Titan's sites and roles, read whole, before any user. */
    default void catalog(List<TitanSite> sites, List<TitanRole> roles) {}

    /** The next user, in the snapshot's order; a page's users come once the page is read whole. */
    default void user(TitanUser user) {}
  }

  /** Sites, roles and every user, each read in pages of {@code pageSize}. */
  public Snapshot readSnapshot() throws TitanException {
    return readSnapshot(new SnapshotListener() {});
  }

  /**
   * Sites, roles and every user, each read in pages of {@code pageSize}; the listener hears of them
   * as they arrive, so that work on them can start before the last page is in.
   */
  public Snapshot readSnapshot(SnapshotListener listener) throws TitanException {
    List<TitanSite> sites = new ArrayList<>();
    forEachPage("/sites", TitanClient::streamSite, sites::add);
    List<TitanRole> roles = new ArrayList<>();
    forEachPage("/roles", TitanClient::streamRole, roles::add);
    // Users hold the ids of a few sites and roles many times over: keep one copy of each.
    Map<String, String> ids = new HashMap<>();
    sites.forEach(s -> ids.putIfAbsent(s.id(), s.id()));
    roles.forEach(r -> ids.putIfAbsent(r.id(), r.id()));
    List<TitanSite> siteList = List.copyOf(sites);
    List<TitanRole> roleList = List.copyOf(roles);
    listener.catalog(siteList, roleList);
    List<TitanUser> users = new ArrayList<>();
    forEachPage(
        "/users",
        p -> streamUser(p, ids),
        user -> {
          users.add(user);
          listener.user(user);
        });
    return new Snapshot(siteList, roleList, List.copyOf(users));
  }

  /**
   * Pages through all users and only counts them, skipping each user unread: the floor that a
   * snapshot read cannot beat (docs/benchmarks.md).
   */
  public int countUsers() throws TitanException {
    int count = 0;
    String cursor = null;
    do {
      // One request at a time, each page read before the next is asked for: a bare client.
      Page<Boolean> page =
          get(
              pageQuery("/users", cursor),
              in ->
                  readPage(
                      in,
                      p -> {
                        p.skipChildren();
                        return Boolean.TRUE;
                      },
                      "/users"));
      count += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null);
    return count;
  }

  public Optional<TitanUser> findByExternalId(String externalId) throws TitanException {
    return first("/users?limit=1&external_id=" + encode(externalId));
  }

  public Optional<TitanUser> findByEmail(String email) throws TitanException {
    return first("/users?limit=1&email=" + encode(email));
  }

  public Optional<TitanUser> findById(String userId) throws TitanException {
    try {
      return Optional.of(user(get("/users/" + encode(userId))));
    } catch (TitanException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<TitanUser> first(String pathAndQuery) throws TitanException {
    JsonNode data = get(pathAndQuery).path("data");
    return data.isArray() && data.size() > 0 ? Optional.of(user(data.get(0))) : Optional.empty();
  }

  /** Reads one list item; the parser stands on its START_OBJECT and must end on its END_OBJECT. */
  @FunctionalInterface
  private interface ItemReader<T> {
    T read(JsonParser parser) throws IOException;
  }

  private record Page<T>(List<T> items, String nextCursor) {}

  /**
   * Every item of a cursor-paged list. A page is handed over only once it was read whole, so a page
   * retried after a broken answer is never counted twice. Pages are parsed as a stream (no JSON
   * tree per page). As soon as a page's cursor is known, the next page is asked for, on a second
   * thread, while this one parses the page it has: Titan prepares page n+1 while we read page n.
   * Still one request in flight at a time, in cursor order.
   */
  private <T> void forEachPage(String path, ItemReader<T> item, Consumer<T> each)
      throws TitanException {
    ExecutorService ahead =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "titan-read-ahead");
              t.setDaemon(true);
              return t;
            });
    try {
      String query = pageQuery(path, null);
      byte[] body = get(query, InputStream::readAllBytes);
      Set<String> seen = new HashSet<>();
      while (true) {
        byte[] answer = body;
        String cursor = parsed(query, () -> readCursor(answer, path));
        if (cursor != null && !seen.add(cursor)) {
          // A cursor that comes back would page forever, reading the same users again and again.
          throw badAnswer(
              query, 200, new IOException("next_cursor \"" + cursor + "\" was already given"));
        }
        Future<byte[]> next = null;
        if (cursor != null) {
          String nextQuery = pageQuery(path, cursor);
          next = ahead.submit(() -> get(nextQuery, InputStream::readAllBytes));
        }
        Page<T> page = parsed(query, () -> readPage(new ByteArrayInputStream(answer), item, path));
        page.items().forEach(each);
        if (next == null) {
          return;
        }
        query = pageQuery(path, cursor);
        body = await(next);
      }
    } finally {
      ahead.shutdownNow();
    }
  }

  private String pageQuery(String path, String cursor) {
    return path + "?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + encode(cursor));
  }

  /** A page's {@code next_cursor}, read without reading its items. */
  private static String readCursor(byte[] body, String path) throws IOException {
    try (JsonParser p = Streams.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("next_cursor".equals(name) && value == JsonToken.VALUE_STRING) {
          next = p.getText();
        } else {
          p.skipChildren();
        }
      }
      return next == null || next.isEmpty() ? null : next;
    }
  }

  /** Reads a whole answer's body; what cannot be read is a bad answer, as inside {@link #get}. */
  @FunctionalInterface
  private interface Parse<T> {
    T run() throws IOException;
  }

  private static <T> T parsed(String pathAndQuery, Parse<T> parse) throws TitanException {
    try {
      return parse.run();
    } catch (IOException e) {
      throw badAnswer(pathAndQuery, 200, e);
    }
  }

  /** An answer that is not the JSON the contract describes: not retried, the run stops. */
  private static TitanException badAnswer(String pathAndQuery, int status, IOException e) {
    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return new TitanException(
        TitanException.Kind.REJECTED,
        status,
        "bad_response",
        "GET " + pathOnly(pathAndQuery) + ": unreadable answer: " + why,
        -1);
  }

  /** The page the read-ahead thread fetched; its failure as it would have been thrown here. */
  private static byte[] await(Future<byte[]> next) throws TitanException {
    try {
      return next.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TitanException t) {
        throw t;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanException.Kind.UNREACHABLE, "interrupted", e);
    }
  }

  private <T> Page<T> readPage(InputStream in, ItemReader<T> item, String path) throws IOException {
    try (JsonParser p = Streams.FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, path + ": answer is not a JSON object");
      }
      List<T> items = null;
      String next = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(name) && value == JsonToken.START_ARRAY) {
          items = new ArrayList<>(pageSize);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            items.add(item.read(p));
          }
        } else if ("next_cursor".equals(name)) {
          next = value == JsonToken.VALUE_STRING ? p.getText() : null;
        } else {
          p.skipChildren();
        }
      }
      if (items == null) {
        throw new JsonParseException(p, path + ": answer has no data list");
      }
      return new Page<>(items, next == null || next.isEmpty() ? null : next);
    }
  }

  /**
   * A user read field by field from the stream; unknown fields are skipped, as the contract asks.
   */
  private static TitanSite streamSite(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String code = null;
    boolean active = true;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      switch (field) {
        case "id" -> id = p.getValueAsString();
        case "name" -> name = p.getValueAsString();
        case "code" -> code = p.getValueAsString();
        case "active" -> active = token == JsonToken.VALUE_NULL || p.getValueAsBoolean(true);
        default -> {}
      }
    }
    return new TitanSite(id, name, code, active);
  }

  private static TitanRole streamRole(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        p.skipChildren();
      } else if ("id".equals(field)) {
        id = p.getValueAsString();
      } else if ("name".equals(field)) {
        name = p.getValueAsString();
      }
    }
    return new TitanRole(id, name);
  }

  private static TitanUser streamUser(JsonParser p, Map<String, String> ids) throws IOException {
    String id = null;
    String externalId = null;
    String first = null;
    String last = null;
    String email = null;
    String status = null;
    Map<String, Set<String>> memberships = Map.of();
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
        if (token == JsonToken.START_ARRAY && "memberships".equals(field)) {
          memberships = streamMemberships(p, ids);
        } else {
          p.skipChildren();
        }
        continue;
      }
      // One place that reads a value's text: this loop runs for every field of every user, and a
      // lean loop is what the JIT compiles fastest.
      String value = p.getValueAsString();
      switch (field) {
        case "id" -> id = value;
        case "external_id" -> externalId = value;
        case "first_name" -> first = value;
        case "last_name" -> last = value;
        case "email" -> email = value;
        case "status" -> status = value;
        default -> {}
      }
    }
    return new TitanUser(
        id, externalId, first, last, email, !"inactive".equals(status), memberships);
  }

  /** A user's memberships (the parser stands on the array's start): site id -> role ids. */
  private static Map<String, Set<String>> streamMemberships(JsonParser p, Map<String, String> ids)
      throws IOException {
    String onlySite = null;
    Set<String> onlyRoles = null;
    Map<String, Set<String>> more = null; // a second site: most users have one
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String site = null;
      List<String> roles = new ArrayList<>(2);
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if ("role_ids".equals(f) && v == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            roles.add(pooled(p.getValueAsString(), ids));
          }
        } else if ("site_id".equals(f) && v.isScalarValue()) {
          site = pooled(p.getValueAsString(), ids);
        } else {
          p.skipChildren();
        }
      }
      if (site == null) {
        throw new JsonParseException(p, "a membership without site_id");
      }
      Set<String> roleSet = Set.copyOf(roles);
      if (more == null && (onlySite == null || onlySite.equals(site))) {
        onlySite = site;
        onlyRoles = roleSet;
      } else {
        if (more == null) {
          more = new HashMap<>();
          more.put(onlySite, onlyRoles);
        }
        more.put(site, roleSet);
      }
    }
    if (more != null) {
      return Map.copyOf(more);
    }
    return onlySite == null ? Map.of() : Map.of(onlySite, onlyRoles);
  }

  private static String pooled(String value, Map<String, String> ids) {
    return value == null ? null : ids.getOrDefault(value, value);
  }

  /** Reads an answer body. */
  @FunctionalInterface
  private interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  private JsonNode get(String pathAndQuery) throws TitanException {
    return get(pathAndQuery, in -> Json.MAPPER.readTree(in));
  }

  /**
   * A GET with its own bounded retry on 429 and 5xx (reads are always safe to repeat).
   *
   * <p>Reads use the JDK's blocking {@link HttpURLConnection} (connections kept alive between
   * pages), not {@code java.net.http}: that client parks a selector thread in native code for as
   * long as the JVM lives, and the JVM waits 0.3 s for such threads on every exit, which every
   * one-shot command paid. Its first request is also slower to set up. Writes go through Camel.
   */
  private <T> T get(String pathAndQuery, BodyReader<T> reader) throws TitanException {
    URL url = url(pathAndQuery);
    String authorization = authorization();
    TitanException last = null;
    for (int attempt = 1; attempt <= MAX_READ_ATTEMPTS; attempt++) {
      try {
        HttpURLConnection connection = open(url, authorization);
        int status = connection.getResponseCode();
        if (status / 100 == 2) {
          try (InputStream body = connection.getInputStream()) {
            return reader.read(body);
          } catch (JsonProcessingException e) {
            throw badAnswer(pathAndQuery, status, e);
          }
        }
        last =
            error(
                status,
                errorBody(connection, status),
                connection.getHeaderField("Retry-After"),
                "GET " + pathOnly(pathAndQuery));
      } catch (IOException e) {
        last =
            new TitanException(
                TitanException.Kind.UNREACHABLE,
                "GET "
                    + pathOnly(pathAndQuery)
                    + ": no answer from "
                    + baseUrl
                    + throughProxy()
                    + " ("
                    + describe(e)
                    + ")",
                e);
      }
      if (last.kind() != TitanException.Kind.TRANSIENT
          && last.kind() != TitanException.Kind.UNREACHABLE) {
        throw last;
      }
      if (attempt < MAX_READ_ATTEMPTS) {
        sleep(
            last.retryAfterMillis() >= 0
                ? Math.min(last.retryAfterMillis(), MAX_READ_BACKOFF_MS)
                : Math.min(MAX_READ_BACKOFF_MS, 250L << attempt));
      }
    }
    if (last.kind() == TitanException.Kind.TRANSIENT) {
      throw new TitanException(
          TitanException.Kind.UNREACHABLE,
          last.status(),
          last.code(),
          last.getMessage() + " (gave up after " + MAX_READ_ATTEMPTS + " attempts)",
          -1);
    }
    throw last;
  }

  /** How messages name the proxy: empty without one. */
  private String throughProxy() {
    if (proxy == null) {
      return "";
    }
    InetSocketAddress at = (InetSocketAddress) proxy.address();
    return " through the proxy http://" + at.getHostString() + ":" + at.getPort();
  }

  private URL url(String pathAndQuery) throws TitanException {
    try {
      return URI.create(baseUrl + pathAndQuery).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new TitanException(
          TitanException.Kind.REJECTED,
          "titan.base_url " + baseUrl + " is not a usable URL: " + e.getMessage(),
          e);
    }
  }

  /**
   * The Authorization header's value. A key that no header can carry (a line break inside it) is
   * refused here, so that the HTTP library's complaint, which quotes the value, is never raised.
   */
  private String authorization() throws TitanException {
    String key = apiKey.get();
    if (!Secret.sendable(key)) {
      throw new TitanException(
          TitanException.Kind.AUTH,
          0,
          null,
          "the API key " + Secret.NOT_SENDABLE + ": check titan.api_key or TITAN_API_KEY",
          -1);
    }
    return "Bearer " + key;
  }

  /** A GET that times out like the rest of the client, never follows a redirect nor caches. */
  private HttpURLConnection open(URL url, String authorization) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    connection.setConnectTimeout(millis);
    connection.setReadTimeout(millis);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestProperty("Authorization", authorization);
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("User-Agent", USER_AGENT);
    return connection;
  }

  /** The body of an answer that is not 2xx, read whole so the connection can be reused. */
  private static String errorBody(HttpURLConnection connection, int status) throws IOException {
    try (InputStream body =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void sleep(long millis) throws TitanException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanException.Kind.UNREACHABLE, "interrupted", e);
    }
  }

  // ---------------------------------------------------------------- writes

  /**
   * One HTTP write, ready to send.
   *
   * @param path relative to the base URL, e.g. {@code /users/u_1/memberships/s_2}
   * @param body JSON, or null for DELETE
   * @param idempotent true when the API honours Idempotency-Key for it (POST, PATCH)
   */
  public record WriteRequest(String method, String path, String body, boolean idempotent) {}

  /**
   * Renders a planned change as an HTTP write.
   *
   * @param userId the Titan user id to write to (the plan's, or the one a create in this run got);
   *     ignored for a create
   */
  public WriteRequest render(Change change, String userId) {
    if (change instanceof CreateUser c) {
      return new WriteRequest("POST", "/users", createBody(c), true);
    }
    if (change instanceof UpdateUser u) {
      return new WriteRequest(
          "PATCH", "/users/" + encode(userId), patchBody(u.before(), u.after()), true);
    }
    if (change instanceof SetRoles s) {
      return new WriteRequest(
          "PUT", membershipPath(userId, s.siteId()), rolesBody(s.after()), false);
    }
    RemoveMembership r = (RemoveMembership) change;
    return new WriteRequest("DELETE", membershipPath(userId, r.siteId()), null, false);
  }

  private static String membershipPath(String userId, String siteId) {
    return "/users/" + encode(userId) + "/memberships/" + encode(siteId);
  }

  private String createBody(CreateUser c) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("external_id", c.externalId());
    body.put("first_name", c.firstName());
    body.put("last_name", c.lastName());
    body.put("email", c.email());
    ArrayNode memberships = body.putArray("memberships");
    for (Membership m : c.memberships()) {
      ObjectNode node = memberships.addObject();
      node.put("site_id", m.siteId());
      ArrayNode roles = node.putArray("role_ids");
      m.roleIds().forEach(roles::add);
    }
    return write(body);
  }

  /** Only the fields that differ are sent, so a PATCH never undoes a concurrent edit elsewhere. */
  private String patchBody(Profile before, Profile after) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (!Objects.equals(before.externalId(), after.externalId())) {
      body.put("external_id", after.externalId());
    }
    if (!Objects.equals(before.firstName(), after.firstName())) {
      body.put("first_name", after.firstName());
    }
    if (!Objects.equals(before.lastName(), after.lastName())) {
      body.put("last_name", after.lastName());
    }
    if (!Objects.equals(before.email(), after.email())) {
      body.put("email", after.email());
    }
    if (before.active() != after.active()) {
      body.put("status", after.active() ? "active" : "inactive");
    }
    return write(body);
  }

  private String rolesBody(Membership after) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode roles = body.putArray("role_ids");
    after.roleIds().forEach(roles::add);
    return write(body);
  }

  /**
   * What a write's answer means.
   *
   * @param createdUserId the new user's id after a successful create, else null
   */
  public record WriteOutcome(boolean done, String createdUserId, String code, String message) {}

  /**
   * Reads the answer to a write. 2xx is done; a DELETE answered 404 {@code not_a_member} is done
   * too (the membership is already gone, e.g. after a lost answer). Transient statuses (429, 5xx)
   * throw a TRANSIENT TitanException for the route to retry; other 4xx are a failed change.
   */
  public WriteOutcome readAnswer(WriteRequest request, int status, String body, String retryAfter)
      throws TitanException {
    if (status / 100 == 2) {
      String created = null;
      if ("POST".equals(request.method()) && body != null && !body.isBlank()) {
        created = text(readTree(body), "id");
      }
      return new WriteOutcome(true, created, null, null);
    }
    TitanException e = error(status, body, retryAfter, request.method() + " " + request.path());
    if ("DELETE".equals(request.method()) && status == 404 && "not_a_member".equals(e.code())) {
      return new WriteOutcome(true, null, e.code(), "already not a member");
    }
    if (e.kind() == TitanException.Kind.TRANSIENT || e.kind() == TitanException.Kind.AUTH) {
      throw e;
    }
    return new WriteOutcome(false, null, e.code(), e.getMessage());
  }

  /** The fields of a user as the API returned them in a create or look-up. */
  public TitanUser readUser(String body) throws TitanException {
    return user(readTree(body));
  }

  // ---------------------------------------------------------------- JSON

  private TitanException error(int status, String body, String retryAfter, String what) {
    String code = null;
    String message = null;
    try {
      JsonNode err =
          body == null || body.isBlank() ? null : Json.MAPPER.readTree(body).path("error");
      if (err != null && err.isObject()) {
        code = err.path("code").isTextual() ? err.path("code").asText() : null;
        message = err.path("message").isTextual() ? err.path("message").asText() : null;
        JsonNode fields = err.path("details").path("fields");
        if (fields.isObject() && fields.size() > 0) {
          message = (message == null ? "" : message + " ") + fields;
        }
      }
    } catch (JsonProcessingException ignored) {
      // A proxy's HTML error page: the status says enough.
    }
    TitanException.Kind kind =
        switch (status) {
          case 401, 403 -> TitanException.Kind.AUTH;
          case 429, 500, 502, 503, 504 -> TitanException.Kind.TRANSIENT;
          default -> TitanException.Kind.REJECTED;
        };
    String text =
        what
            + ": HTTP "
            + status
            + (code != null ? " " + code : "")
            + (message != null ? ": " + message : "");
    if (kind == TitanException.Kind.AUTH) {
      text +=
          status == 401
              ? " (the API key was refused: check titan.api_key or TITAN_API_KEY)"
              : " (the API key lacks user-management permission)";
    }
    return new TitanException(kind, status, code, text, retryAfterMillis(retryAfter));
  }

  /** Retry-After in seconds (the contract's form); -1 when absent or unreadable. */
  public static long retryAfterMillis(String retryAfter) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(retryAfter.trim()) * 1000));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private JsonNode readTree(String body) throws TitanException {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new TitanException(
          TitanException.Kind.REJECTED,
          200,
          "bad_response",
          "answer is not JSON: " + e.getOriginalMessage(),
          -1);
    }
  }

  private String write(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TitanUser user(JsonNode n) {
    Map<String, Set<String>> memberships = new HashMap<>();
    for (JsonNode m : n.path("memberships")) {
      Set<String> roles = new LinkedHashSet<>();
      m.path("role_ids").forEach(r -> roles.add(r.asText()));
      memberships.put(text(m, "site_id"), Set.copyOf(roles));
    }
    return new TitanUser(
        text(n, "id"),
        text(n, "external_id"),
        text(n, "first_name"),
        text(n, "last_name"),
        text(n, "email"),
        !"inactive".equals(text(n, "status")),
        Map.copyOf(memberships));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String pathOnly(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
