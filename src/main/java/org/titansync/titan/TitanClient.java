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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * JSON field name titan-sync uses lives in this class, and every call to Titan goes through it:
 * reads (the snapshot, look-ups, doctor) and the apply route's writes ({@link #send}). One HTTP
 * client, so auth, User-Agent, proxy, timeouts and the bounds on answers are set once.
 *
 * <p>Nothing from Titan is trusted (DESIGN.md invariant 6): each answer, headers and body, must
 * arrive whole within {@code titan.timeout_seconds}; a body larger than {@link Bounds} allows is
 * refused (an error body is cut short); no compressed answer is asked for and none is inflated; a
 * paged read stops when its pages outrun {@link Bounds#maxUsers}; a field of the wrong JSON type is
 * named in the error; and the API key is scrubbed from any text that came back.
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

  /** The start of every message about an answer that is not what the contract describes. */
  public static final String UNEXPECTED = "unexpected answer from Titan";

  /** The start of the message when a paged read does not end. */
  public static final String DO_NOT_ADD_UP = "Titan's answers do not add up";

  /**
   * The bounds on what Titan may send.
   *
   * @param maxAnswerBytes the largest 2xx body read (a page of 500 users is well under 1 MB)
   * @param maxErrorBytes how much of an error body is read; the rest is dropped
   * @param maxUsers a paged read stops with {@link #DO_NOT_ADD_UP} after this many items, or after
   *     as many pages as that many items fill
   */
  public record Bounds(long maxAnswerBytes, int maxErrorBytes, long maxUsers) {
    public static Bounds defaults() {
      return new Bounds(32L << 20, 64 << 10, 2_000_000);
    }
  }

  /**
   * How a read is tried again on 429, 5xx or no answer: {@code [retry]}, the same settings the
   * apply route's redelivery of writes uses, so that one section paces every call.
   *
   * @param maxAttempts tries, the first included
   * @param initialDelayMs the wait before the first retry
   * @param maxDelayMs the longest wait, a Retry-After's too
   * @param multiplier each wait is the previous one times this
   */
  public record Retry(int maxAttempts, long initialDelayMs, long maxDelayMs, double multiplier) {
    /**
     * For a client built without a config (the readiness probe, tools): 5 tries, 500 ms doubling,
     * capped at 10 s. A run's client takes {@code [retry]} instead.
     */
    public static Retry defaults() {
      return new Retry(5, 500, 10_000, 2.0);
    }

    /** One try, no retry (tests of single answers). */
    public static Retry once() {
      return new Retry(1, 0, 0, 1.0);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first), or as long as Titan's
     * Retry-After says ({@code retryAfterMillis}, -1 when it said nothing), capped either way.
     */
    public long delayMillis(int retry, long retryAfterMillis) {
      if (retryAfterMillis >= 0) {
        return Math.min(retryAfterMillis, maxDelayMs);
      }
      double delay = (double) initialDelayMs * Math.pow(multiplier, Math.max(0, retry - 1));
      return (long) Math.min(delay, (double) maxDelayMs);
    }
  }

  private final URI baseUrl;
  private final Supplier<String> apiKey;
  private final Duration timeout;
  private final int pageSize;
  private final Bounds bounds;
  private final Retry retry;
  private final RateGate rate;

  /** The proxy to Titan ({@code titan.proxy}), or null for the JVM's own proxy settings. */
  private final InetSocketAddress proxy;

  private final HttpClient http;

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
   * @param proxy the HTTP proxy every call goes through ({@code titan.proxy}); empty for the JVM's
   *     own proxy settings
   */
  public TitanClient(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      int pageSize,
      Optional<InetSocketAddress> proxy) {
    this(baseUrl, apiKey, timeout, pageSize, proxy, Bounds.defaults());
  }

  public TitanClient(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      int pageSize,
      Optional<InetSocketAddress> proxy,
      Bounds bounds) {
    this(baseUrl, apiKey, timeout, pageSize, proxy, bounds, RateGate.unlimited());
  }

  public TitanClient(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      int pageSize,
      Optional<InetSocketAddress> proxy,
      Bounds bounds,
      RateGate rate) {
    this(baseUrl, apiKey, timeout, pageSize, proxy, bounds, rate, Retry.defaults());
  }

  /**
   * @param rate the pace of every call this client makes, reads and writes alike
   * @param retry how a read is tried again (writes are retried by the apply route)
   */
  public TitanClient(
      URI baseUrl,
      Supplier<String> apiKey,
      Duration timeout,
      int pageSize,
      Optional<InetSocketAddress> proxy,
      Bounds bounds,
      RateGate rate,
      Retry retry) {
    this.rate = rate;
    this.retry = retry;
    this.proxy = proxy.orElse(null);
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.pageSize = Math.max(1, Math.min(500, pageSize));
    this.bounds = bounds;
    // HTTP/1.1 (no h2c upgrade on http://), no redirects, no compression asked for: the JDK client
    // inflates nothing, so a compressed bomb stays a few bytes of unreadable answer. Its logging
    // is not driven by logback, so no logging setup can print the Authorization header.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .proxy(
                this.proxy == null
                    ? Objects.requireNonNullElse(
                        ProxySelector.getDefault(), HttpClient.Builder.NO_PROXY)
                    : ProxySelector.of(this.proxy))
            .build();
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The pace shared by every call this client makes. */
  public RateGate rate() {
    return rate;
  }

  // ---------------------------------------------------------------- reads

  /** One cheap authenticated call: throws AUTH for a refused key, UNREACHABLE when no answer. */
  public void checkAccess() throws TitanException {
    String query = "/sites?limit=1";
    byte[] body = get(query, InputStream::readAllBytes);
    parsed(
        query, () -> readPage(new ByteArrayInputStream(body), TitanClient::streamSite, "/sites"));
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
    String path = "/users/" + encode(userId);
    byte[] body;
    try {
      body = get(path, InputStream::readAllBytes);
    } catch (TitanException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(parsed(path, () -> oneUser(body)));
  }

  private Optional<TitanUser> first(String pathAndQuery) throws TitanException {
    byte[] body = get(pathAndQuery, InputStream::readAllBytes);
    Page<TitanUser> page =
        parsed(
            pathAndQuery,
            () ->
                readPage(
                    new ByteArrayInputStream(body),
                    p -> streamUser(p, Map.of()),
                    pathOnly(pathAndQuery)));
    return page.items().stream().findFirst();
  }

  /** An answer that is one user object (a look-up by id, a create). */
  private static TitanUser oneUser(byte[] body) throws IOException {
    try (JsonParser p = Streams.FACTORY.createParser(body)) {
      JsonToken start = p.nextToken();
      if (start != JsonToken.START_OBJECT) {
        throw new UnexpectedField("(the answer)", "a user object", start);
      }
      return streamUser(p, Map.of());
    }
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
      // Pages beyond what maxUsers fills, and items beyond maxUsers, are a Titan that pages
      // forever (an endless stream of fresh cursors, or empty pages that never end).
      long maxPages = bounds.maxUsers() / pageSize + 2;
      long pages = 0;
      long items = 0;
      while (true) {
        byte[] answer = body;
        String cursor = parsed(query, () -> readCursor(answer, path));
        pages++;
        if (cursor != null && !seen.add(cursor)) {
          // A cursor that comes back would page forever, reading the same users again and again.
          throw doNotAddUp(path, "next_cursor \"" + cursor + "\" was already given");
        }
        if (cursor != null && pages >= maxPages) {
          throw doNotAddUp(
              path,
              "it has sent "
                  + pages
                  + " pages and names a next one, more than "
                  + bounds.maxUsers()
                  + " users fill");
        }
        Future<byte[]> next = null;
        if (cursor != null) {
          String nextQuery = pageQuery(path, cursor);
          next = ahead.submit(() -> get(nextQuery, InputStream::readAllBytes));
        }
        Page<T> page = parsed(query, () -> readPage(new ByteArrayInputStream(answer), item, path));
        items += page.items().size();
        if (items > bounds.maxUsers()) {
          if (next != null) {
            next.cancel(true);
          }
          throw doNotAddUp(path, "it has sent more than " + bounds.maxUsers() + " items");
        }
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

  private TitanException doNotAddUp(String path, String why) {
    return fail(
        TitanException.Kind.REJECTED,
        200,
        "bad_response",
        DO_NOT_ADD_UP + ": GET " + path + " does not end (" + why + "); the read stops",
        -1);
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
        if ("next_cursor".equals(name)) {
          next = text(p, value, "next_cursor");
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

  private <T> T parsed(String pathAndQuery, Parse<T> parse) throws TitanException {
    try {
      return parse.run();
    } catch (IOException e) {
      throw badAnswer("GET " + pathOnly(pathAndQuery), 200, e);
    }
  }

  /** An answer that is not the JSON the contract describes: not retried, the run stops. */
  private TitanException badAnswer(String what, int status, IOException e) {
    String why =
        e instanceof UnexpectedField
            ? UNEXPECTED + ": " + e.getMessage()
            : "unreadable answer: "
                + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage()
                    : e.getMessage());
    return fail(TitanException.Kind.REJECTED, status, "bad_response", what + ": " + why, -1);
  }

  /** A field whose JSON type is not the contract's. */
  private static final class UnexpectedField extends IOException {
    private static final long serialVersionUID = 1L;

    UnexpectedField(String field, String expected, JsonToken got) {
      super("field " + field + " (" + expected + " expected, got " + describe(got) + ")");
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "nothing";
      }
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "true or false";
        case VALUE_NULL -> "null";
        default -> token.toString().toLowerCase(Locale.ROOT);
      };
    }
  }

  /** A string or null; anything else names the field. Leaves the parser on the value's end. */
  private static String text(JsonParser p, JsonToken token, String field) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new UnexpectedField(field, "a string", token);
  }

  /** A required id: a non-empty string. */
  private static String id(String value, String field) throws IOException {
    if (value == null || value.isEmpty()) {
      throw new UnexpectedField(field, "a non-empty string", JsonToken.VALUE_NULL);
    }
    return value;
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
        if ("data".equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw new UnexpectedField("data", "a list", value);
          }
          items = new ArrayList<>(pageSize);
          JsonToken entry;
          while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
            if (entry != JsonToken.START_OBJECT) {
              throw new UnexpectedField("data[" + items.size() + "]", "an object", entry);
            }
            items.add(item.read(p));
          }
        } else if ("next_cursor".equals(name)) {
          next = text(p, value, "next_cursor");
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
   * A site read field by field from the stream; unknown fields are skipped, as the contract asks.
   */
  private static TitanSite streamSite(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String code = null;
    boolean active = true;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "name" -> name = text(p, token, "name");
        case "code" -> code = text(p, token, "code");
        case "active" -> {
          if (token == JsonToken.VALUE_FALSE) {
            active = false;
          } else if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_NULL) {
            throw new UnexpectedField("active", "true or false", token);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new TitanSite(id(id, "id"), name, code, active);
  }

  private static TitanRole streamRole(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "name" -> name = text(p, token, "name");
        default -> p.skipChildren();
      }
    }
    return new TitanRole(id(id, "id"), name);
  }

  /**
   * A user read field by field from the stream; unknown fields are skipped, as the contract asks.
   * The one reader of a user, for pages, look-ups and a create's answer alike.
   */
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
      // One switch per field: this loop runs for every field of every user, and a lean loop is
      // what the JIT compiles fastest.
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "external_id" -> externalId = text(p, token, "external_id");
        case "first_name" -> first = text(p, token, "first_name");
        case "last_name" -> last = text(p, token, "last_name");
        case "email" -> email = text(p, token, "email");
        case "status" -> status = text(p, token, "status");
        case "memberships" -> {
          if (token == JsonToken.START_ARRAY) {
            memberships = streamMemberships(p, ids);
          } else if (token != JsonToken.VALUE_NULL) {
            throw new UnexpectedField("memberships", "a list", token);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new TitanUser(
        id(id, "id"), externalId, first, last, email, !"inactive".equals(status), memberships);
  }

  /** A user's memberships (the parser stands on the array's start): site id -> role ids. */
  private static Map<String, Set<String>> streamMemberships(JsonParser p, Map<String, String> ids)
      throws IOException {
    String onlySite = null;
    Set<String> onlyRoles = null;
    Map<String, Set<String>> more = null; // a second site: most users have one
    JsonToken entry;
    while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
      if (entry != JsonToken.START_OBJECT) {
        throw new UnexpectedField("memberships[]", "an object", entry);
      }
      String site = null;
      List<String> roles = new ArrayList<>(2);
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if ("role_ids".equals(f)) {
          if (v != JsonToken.START_ARRAY) {
            throw new UnexpectedField("memberships[].role_ids", "a list", v);
          }
          JsonToken role;
          while ((role = p.nextToken()) != JsonToken.END_ARRAY) {
            roles.add(pooled(id(text(p, role, "memberships[].role_ids[]"), "role_ids[]"), ids));
          }
        } else if ("site_id".equals(f)) {
          site = pooled(text(p, v, "memberships[].site_id"), ids);
        } else {
          p.skipChildren();
        }
      }
      site = id(site, "memberships[].site_id");
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

  /** One answer from Titan, read whole within the bounds (the body is never shared). */
  @SuppressWarnings("ArrayRecordComponent")
  private record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * A GET with a bounded retry on 429, 5xx and no answer (reads are always safe to repeat), as
   * {@link Retry} says: waits as Retry-After says, or the backoff, capped either way.
   */
  private <T> T get(String pathAndQuery, BodyReader<T> reader) throws TitanException {
    String what = "GET " + pathOnly(pathAndQuery);
    int attempts = Math.max(1, retry.maxAttempts());
    TitanException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Answer answer = null;
      try {
        answer = exchange("GET", pathAndQuery, null, null);
      } catch (TitanException e) {
        last = e;
      }
      if (answer != null && answer.status() / 100 == 2) {
        try {
          return reader.read(new ByteArrayInputStream(answer.body()));
        } catch (IOException e) {
          throw badAnswer(what, answer.status(), e);
        }
      }
      if (answer != null) {
        last = error(answer.status(), answer.text(), answer.header("Retry-After"), what);
      }
      if (last.kind() != TitanException.Kind.TRANSIENT
          && last.kind() != TitanException.Kind.UNREACHABLE) {
        throw last;
      }
      if (attempt < attempts) {
        sleep(retry.delayMillis(attempt, last.retryAfterMillis()));
      }
    }
    if (last.kind() == TitanException.Kind.TRANSIENT) {
      throw new TitanException(
          TitanException.Kind.UNREACHABLE,
          last.status(),
          last.code(),
          last.getMessage() + " (gave up after " + attempts + " attempts)",
          -1);
    }
    throw last;
  }

  /**
   * One request and its whole answer. The answer, headers and body, must be in within the timeout
   * (a server that drips one byte a second never trips a per-read timeout); a 2xx body is read up
   * to {@link Bounds#maxAnswerBytes}, an error body is cut at {@link Bounds#maxErrorBytes}; a
   * compressed answer, never asked for, is refused rather than inflated.
   */
  private Answer exchange(String method, String pathAndQuery, String json, String idempotencyKey)
      throws TitanException {
    String what = method + " " + pathOnly(pathAndQuery);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    } catch (IllegalArgumentException e) {
      throw new TitanException(
          TitanException.Kind.REJECTED,
          "titan.base_url " + baseUrl + " is not a usable URL: " + e.getMessage(),
          e);
    }
    request
        .timeout(timeout)
        .header("Authorization", authorization())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json; charset=utf-8");
    }
    if (idempotencyKey != null) {
      request.header(IDEMPOTENCY_HEADER, idempotencyKey);
    }
    HttpRequest built = request.build();
    try {
      rate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanException.Kind.UNREACHABLE, "interrupted", e);
    }
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(built, info -> CappedBody.of(info, bounds));
    HttpResponse<byte[]> response;
    try {
      response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw noAnswer(
          what,
          "no whole answer within " + timeout.toSeconds() + " s (titan.timeout_seconds)",
          null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CappedBody.TooLarge big) {
        throw fail(
            TitanException.Kind.REJECTED,
            big.status(),
            "bad_response",
            what
                + ": "
                + UNEXPECTED
                + ": the answer is larger than "
                + big.limit()
                + " bytes; the rest was not read",
            -1);
      }
      throw noAnswer(what, describe(cause), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TitanException(TitanException.Kind.UNREACHABLE, "interrupted", e);
    }
    rate.observe(response.statusCode(), response.headers());
    String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip();
    if (!encoding.isEmpty() && !"identity".equalsIgnoreCase(encoding)) {
      throw fail(
          TitanException.Kind.REJECTED,
          response.statusCode(),
          "bad_response",
          what
              + ": "
              + UNEXPECTED
              + ": it is compressed ("
              + encoding
              + "), which titan-sync never asks for",
          -1);
    }
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  private TitanException noAnswer(String what, String why, Throwable cause) {
    String text = what + ": no answer from " + baseUrl + throughProxy() + " (" + why + ")";
    return new TitanException(TitanException.Kind.UNREACHABLE, scrub(text), cause);
  }

  /** How messages name the proxy: empty without one. */
  private String throughProxy() {
    if (proxy == null) {
      return "";
    }
    return " through the proxy http://" + proxy.getHostString() + ":" + proxy.getPort();
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

  /** An error from what Titan sent, with the API key scrubbed from its text. */
  private TitanException fail(
      TitanException.Kind kind, int status, String code, String message, long retryAfterMillis) {
    return new TitanException(kind, status, scrub(code), scrub(message), retryAfterMillis);
  }

  /**
   * The text with the API key replaced by {@code ***}: Titan, or a proxy before it, may echo the
   * request's headers back, and its text ends up in reports, mails and logs.
   */
  private String scrub(String text) {
    return Secret.of(apiKey.get()).scrub(text);
  }

  /**
   * When the base URL sends the key in clear text over the network: an {@code http://} URL whose
   * host is not this machine. Said by doctor and at the start of every run.
   */
  public static Optional<String> plainTextWarning(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || loopback(uri)) {
      return Optional.empty();
    }
    return Optional.of(
        "titan.base_url "
            + baseUrl
            + " is http:// to another machine: the API key and staff data cross the network"
            + " unencrypted; use https://");
  }

  private static boolean loopback(URI uri) {
    String host = uri.getHost();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses are judged: a name is not looked up, and counts as remote.
      if (host.startsWith("[") || host.matches("[0-9.]+")) {
        return InetAddress.getByName(host).isLoopbackAddress();
      }
    } catch (IOException e) {
      return false;
    }
    return false;
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
   * @param status the answer's HTTP status
   * @param createdUserId the new user's id after a successful create, else null
   */
  public record WriteOutcome(
      boolean done, int status, String createdUserId, String code, String message) {}

  /** The code of a write whose answer did not come whole: it may have been made. */
  public static final String LOST_ANSWER = "lost_answer";

  /**
   * Sends one write and reads its answer: the apply route calls this once per attempt and keeps the
   * retrying (its redelivery), so one attempt here is one request.
   *
   * <p>2xx is done; a DELETE answered 404 {@code not_a_member} is done too (the membership is
   * already gone, e.g. after a lost answer). 401 and 403 throw AUTH. 429 and 5xx throw TRANSIENT
   * for the route to retry. An answer that did not come whole, or a 2xx that cannot be read, throws
   * TRANSIENT with code {@link #LOST_ANSWER} and status 0: the write may have been made, so the
   * route looks before it tries again. Other 4xx are a failed change.
   *
   * @param idempotencyKey sent with POST and PATCH
   */
  public WriteOutcome send(WriteRequest request, String idempotencyKey) throws TitanException {
    String what = request.method() + " " + request.path();
    Answer answer;
    try {
      answer =
          exchange(
              request.method(),
              request.path(),
              request.body(),
              request.idempotent() ? idempotencyKey : null);
    } catch (TitanException e) {
      if (e.kind() == TitanException.Kind.AUTH) {
        throw e;
      }
      throw new TitanException(TitanException.Kind.TRANSIENT, 0, LOST_ANSWER, e.getMessage(), -1);
    }
    if (answer.status() / 100 == 2) {
      String created = null;
      if ("POST".equals(request.method())) {
        try {
          created = oneUser(answer.body()).id();
        } catch (IOException e) {
          TitanException bad = badAnswer(what, answer.status(), e);
          throw new TitanException(
              TitanException.Kind.TRANSIENT, 0, LOST_ANSWER, bad.getMessage(), -1);
        }
      }
      return new WriteOutcome(true, answer.status(), created, null, null);
    }
    TitanException e = error(answer.status(), answer.text(), answer.header("Retry-After"), what);
    if ("DELETE".equals(request.method())
        && answer.status() == 404
        && "not_a_member".equals(e.code())) {
      return new WriteOutcome(true, answer.status(), null, e.code(), "already not a member");
    }
    if (e.kind() == TitanException.Kind.TRANSIENT || e.kind() == TitanException.Kind.AUTH) {
      throw e;
    }
    return new WriteOutcome(false, answer.status(), null, e.code(), e.getMessage());
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
      // A proxy's HTML error page, or a body cut at maxErrorBytes: the status says enough.
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
    return fail(kind, status, code, text, retryAfterMillis(retryAfter));
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

  private String write(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String pathOnly(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
