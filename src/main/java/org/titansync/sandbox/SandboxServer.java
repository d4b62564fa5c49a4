package org.titansync.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.sandbox.TitanState.Image;
import org.titansync.sandbox.TitanState.User;

/**
 * A local Titan HST: an independent implementation of the API contract ({@code
 * shared/titan-api/openapi.yaml}) on 127.0.0.1, under the base path {@code /api/v1}, with fault
 * injection for tests. It shares no code with titan-sync's client on purpose: a misreading of the
 * contract on either side then shows up as a failing test.
 *
 * <p>Besides the API, {@code GET /_sandbox/stats} (no auth) returns the counters as JSON.
 *
 * <h2>Seed and state file format</h2>
 *
 * <pre>{@code
 * {
 *   "api_keys": {"sandbox-key": "admin", "readonly-key": "readonly"},
 *   "sites": [{"id": "s_01", "name": "Lincoln Elementary", "code": "LES", "active": true}],
 *   "roles": [{"id": "r_01", "name": "Teacher"}],
 *   "users": [{"id": "u_0000001", "external_id": "E1001", "first_name": "Maria",
 *              "last_name": "Gonzalez", "email": "maria.gonzalez@mvusd.org", "status": "active",
 *              "memberships": [{"site_id": "s_01", "role_ids": ["r_01"]}],
 *              "created_at": "2024-08-01T08:00:00Z", "updated_at": "2024-08-01T08:00:00Z"}],
 *   "next_user_number": 2
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code api_keys}: key -> {@code "admin"} (everything) or {@code "readonly"} (may list users
 *       and roles; 403 on /sites and on writes); any other level gets 403 everywhere. The options'
 *       {@code apiKey} is always an admin key too.
 *   <li>users: {@code id} may be left out (the next u_NNNNNNN is given), {@code external_id} null
 *       or absent for hand-made accounts, {@code status} defaults to active, the timestamps to the
 *       moment of loading. Emails (case-insensitively) and external ids must be unique and
 *       memberships must name known sites and roles, or loading fails.
 *   <li>{@code next_user_number}: the number of the next created user (u_0000042); raised past any
 *       id already in use.
 *   <li>A state file is the same format, written by the sandbox; unknown fields are ignored.
 * </ul>
 */
public final class SandboxServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  static {
    // The JDK server writes headers and body separately; with Nagle on, each answer then waits
    // ~40 ms for the client's delayed ACK. Read once, when the JDK server is first used.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  public static final String BASE_PATH = "/api/v1";
  public static final String STATS_PATH = "/_sandbox/stats";

  /** Sleeping (latency) requests hold a thread, so room for 64 at once and then some. */
  static final int WORKER_THREADS = 96;

  private static final String SAMPLE_SEED = "/samples/seed.json";
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");
  private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {};

  private final SandboxOptions options;
  private final Clock clock = Clock.systemUTC();
  private final TitanState state;
  private final IdempotencyLedger ledger = new IdempotencyLedger();
  private final TitanApi api;
  private final RateWindow rate;
  private final Random errorDice;
  private final Random dropDice;
  private volatile double errorRate;
  private volatile double dropRate;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong mutations = new AtomicLong();
  private final AtomicLong injectedErrors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadPoolExecutor workers;
  private final HttpServer http;
  private final ScheduledExecutorService saver;
  private final ScheduledFuture<?> saving;

  private SandboxServer(SandboxOptions options) throws IOException {
    this.options = options;
    this.state = new TitanState(clock, this::changed);
    state.replace(initialImage(options));
    this.api = new TitanApi(state, ledger, options.apiKey(), clock, options.ignoreIdempotency());
    this.rate = new RateWindow(options.rps(), clock);
    this.errorDice = new Random(options.randomSeed());
    this.dropDice = new Random(options.randomSeed() * 31 + 7);
    this.errorRate = options.errorRate();
    this.dropRate = options.dropRate();

    this.workers =
        new ThreadPoolExecutor(
            WORKER_THREADS,
            WORKER_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("titan-sandbox-"));
    workers.allowCoreThreadTimeOut(true);
    // 127.0.0.1 literally: never another interface, never ::1 (the base URL names 127.0.0.1)
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.http = HttpServer.create(new InetSocketAddress(loopback, options.port()), 256);
    http.createContext("/", this::exchange);
    http.setExecutor(workers);

    if (options.stateFile() != null) {
      saver = Executors.newSingleThreadScheduledExecutor(daemonThreads("titan-sandbox-save-"));
      saving = saver.scheduleWithFixedDelay(this::saveIfChanged, 1, 1, TimeUnit.SECONDS);
    } else {
      saver = null;
      saving = null;
    }
    http.start();
  }

  /**
   * Starts a sandbox: loads the state file when it exists, else the seed file, else the built-in
   * sample seed, and listens on 127.0.0.1.
   *
   * @throws IOException when the port is taken or the seed cannot be read
   * @throws IllegalArgumentException when the seed breaks the format or the uniqueness rules
   */
  public static SandboxServer start(SandboxOptions options) throws IOException {
    return new SandboxServer(options);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** For example {@code http://127.0.0.1:8089/api/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + BASE_PATH;
  }

  public SandboxOptions options() {
    return options;
  }

  /** Stops listening and, when there is a state file, saves the state to it. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    workers.shutdownNow();
    if (saver != null) {
      saving.cancel(false);
      saver.shutdown();
      try {
        saver.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        save();
      } catch (IOException e) {
        throw new UncheckedIOException("could not save " + options.stateFile(), e);
      }
    }
  }

  // ---- test hooks ----

  /** The current users as the API shows them, in id order. */
  public List<Map<String, Object>> users() {
    List<Map<String, Object>> users = new ArrayList<>();
    for (User user : state.users(null, Integer.MAX_VALUE).items()) {
      users.add(StateCodec.MAPPER.convertValue(StateCodec.userJson(user), JSON_MAP));
    }
    return users;
  }

  public void seedSite(String id, String name, String code, boolean active) {
    state.addSite(new TitanState.Site(id, name, code, active));
    dirty.set(true);
  }

  public void seedRole(String id, String name) {
    state.addRole(new TitanState.Role(id, name));
    dirty.set(true);
  }

  /**
   * Adds a user given in the seed format (see the class comment); returns its id.
   *
   * @throws IllegalArgumentException when it breaks the format or the uniqueness rules
   */
  public String seedUser(Map<String, Object> user) {
    JsonNode node = StateCodec.MAPPER.valueToTree(user);
    String id = state.addUser(StateCodec.user(node, clock.instant())).id();
    dirty.set(true);
    return id;
  }

  /**
   * Adds an active user; returns its id.
   *
   * @param externalId null for a hand-made account
   * @param memberships site id -> role ids
   */
  public String seedUser(
      String externalId,
      String firstName,
      String lastName,
      String email,
      Map<String, List<String>> memberships) {
    List<Map<String, Object>> list = new ArrayList<>();
    new TreeMap<>(memberships)
        .forEach((site, roles) -> list.add(Map.of("site_id", site, "role_ids", roles)));
    Map<String, Object> user = new java.util.HashMap<>();
    user.put("external_id", externalId);
    user.put("first_name", firstName);
    user.put("last_name", lastName);
    user.put("email", email);
    user.put("memberships", list);
    return seedUser(user);
  }

  /** The whole state in the seed format, for snapshot-compare. */
  public Map<String, Object> exportState() {
    return StateCodec.MAPPER.convertValue(StateCodec.toJson(state.image()), JSON_MAP);
  }

  /** Replaces the whole state (and forgets idempotency keys) with a seed-format object. */
  public void importState(Map<String, Object> seed) {
    state.replace(StateCodec.read(StateCodec.MAPPER.valueToTree(seed), clock.instant()));
    ledger.clear();
    dirty.set(true);
  }

  /** Changes fault injection while running. */
  public void setFaults(double errorRate, double dropRate) {
    SandboxOptions.checkRate("errorRate", errorRate);
    SandboxOptions.checkRate("dropRate", dropRate);
    this.errorRate = errorRate;
    this.dropRate = dropRate;
  }

  /** The most API requests ever in flight at once (since start or the last reset). */
  public int peakConcurrency() {
    return peak.get();
  }

  /** API requests received, including those answered 401, 429 or 503. */
  public long requestCount() {
    return requests.get();
  }

  /** API requests with a write method (POST, PATCH, PUT, DELETE), whatever their outcome. */
  public long writeCount() {
    return writes.get();
  }

  /** Changes the API actually committed (a replay, a no-op PATCH or a refusal commits none). */
  public long mutationCount() {
    return mutations.get();
  }

  public void resetCounters() {
    requests.set(0);
    writes.set(0);
    mutations.set(0);
    injectedErrors.set(0);
    dropped.set(0);
    throttled.set(0);
    peak.set(inFlight.get());
  }

  /** The counters, as GET /_sandbox/stats shows them. */
  public Map<String, Long> stats() {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("requests", requests.get());
    stats.put("writes", writes.get());
    stats.put("mutations", mutations.get());
    stats.put("peak_concurrency", (long) peak.get());
    stats.put("in_flight", (long) inFlight.get());
    stats.put("injected_errors", injectedErrors.get());
    stats.put("dropped", dropped.get());
    stats.put("throttled", throttled.get());
    stats.put("users", (long) state.userCount());
    return stats;
  }

  // ---- serving ----

  private void changed() {
    mutations.incrementAndGet();
    dirty.set(true);
  }

  private void exchange(HttpExchange ex) {
    try (ex) {
      serve(ex);
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("sandbox failed on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
      if (ex.getResponseCode() == -1) {
        try {
          send(
              ex,
              ApiResponse.error(500, "internal_error", "sandbox failure: " + e, Map.of()),
              rate.peek());
        } catch (IOException | RuntimeException ignored) {
          // the connection is closed below either way
        }
      }
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    URI uri = ex.getRequestURI();
    String path = uri.getRawPath();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (path.equals(STATS_PATH)) {
      send(ex, ApiResponse.json(200, StateCodec.MAPPER.valueToTree(stats())), rate.peek());
      return;
    }
    boolean write = WRITE_METHODS.contains(method);
    requests.incrementAndGet();
    if (write) {
      writes.incrementAndGet();
    }
    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    // A request stops counting as in flight before its answer goes out: the client may send its
    // next request the moment it has the answer, and that must not look like one more at once.
    boolean counted = true;
    try {
      if (options.latencyMs() > 0) {
        Thread.sleep(options.latencyMs());
      }
      if (roll(errorDice, errorRate)) {
        injectedErrors.incrementAndGet();
        ApiResponse unavailable =
            ApiResponse.error(
                    503, "service_unavailable", "Titan is briefly unavailable; retry", Map.of())
                .withHeader("Retry-After", "1");
        counted = leave(counted);
        send(ex, unavailable, rate.peek());
        return;
      }
      RateWindow.Quota quota = rate.acquire();
      if (!quota.allowed()) {
        throttled.incrementAndGet();
        ApiResponse limited =
            ApiResponse.error(
                    429,
                    "rate_limited",
                    "More than " + quota.limit() + " requests per second",
                    Map.of("retry_after_seconds", quota.retryAfterSeconds()))
                .withHeader("Retry-After", Long.toString(quota.retryAfterSeconds()));
        counted = leave(counted);
        send(ex, limited, quota);
        return;
      }
      ApiResponse response;
      if (path.startsWith(BASE_PATH + "/")) {
        Headers h = ex.getRequestHeaders();
        response =
            api.handle(
                new TitanApi.Call(
                    method,
                    path.substring(BASE_PATH.length()),
                    uri.getRawQuery(),
                    h.getFirst("Authorization"),
                    h.getFirst("Idempotency-Key"),
                    body));
      } else {
        response = ApiResponse.error(404, "not_found", "No such endpoint: " + path, Map.of());
      }
      if (write && roll(dropDice, dropRate)) {
        // committed, but the answer is lost: close the connection without a response
        dropped.incrementAndGet();
        return;
      }
      counted = leave(counted);
      send(ex, response, quota);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: no answer
    } finally {
      leave(counted);
    }
  }

  private boolean leave(boolean counted) {
    if (counted) {
      inFlight.decrementAndGet();
    }
    return false;
  }

  private static boolean roll(Random dice, double rate) {
    return rate > 0 && dice.nextDouble() < rate;
  }

  private void send(HttpExchange ex, ApiResponse response, RateWindow.Quota quota)
      throws IOException {
    Headers headers = ex.getResponseHeaders();
    if (options.rateHeaders()) {
      quota.headers().forEach(headers::set);
    }
    response.headers().forEach(headers::set);
    if (response.body() == null) {
      ex.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = StateCodec.MAPPER.writeValueAsBytes(response.body());
    headers.set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  // ---- state file ----

  private Image initialImage(SandboxOptions options) throws IOException {
    Path stateFile = options.stateFile();
    if (stateFile != null && Files.exists(stateFile)) {
      return readImage(stateFile);
    }
    if (options.seedFile() != null) {
      return readImage(options.seedFile());
    }
    try (InputStream in = SandboxServer.class.getResourceAsStream(SAMPLE_SEED)) {
      if (in == null) {
        LOG.warn("no {} on the classpath: starting with an empty Titan", SAMPLE_SEED);
        return new Image(Map.of(), List.of(), List.of(), List.of(), 1);
      }
      return StateCodec.read(in, clock.instant());
    }
  }

  private Image readImage(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return StateCodec.read(in, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void saveIfChanged() {
    if (!dirty.getAndSet(false)) {
      return;
    }
    try {
      save();
    } catch (IOException | RuntimeException e) {
      dirty.set(true); // try again next second
      LOG.warn("could not save sandbox state to {}: {}", options.stateFile(), e.toString());
    }
  }

  /** Writes a temp file beside the state file and moves it over, so a reader never sees half. */
  private synchronized void save() throws IOException {
    Path file = options.stateFile().toAbsolutePath();
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
        StateCodec.write(state.image(), out);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
