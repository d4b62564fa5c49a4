package org.titansync.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

  private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {};

  private final SandboxOptions options;
  private final Clock clock = Clock.systemUTC();
  private final TitanState state;
  private final IdempotencyLedger ledger = new IdempotencyLedger();
  private final FaultDice faults;
  private final WriteHold hold = new WriteHold();
  private final TrafficCounters counters = new TrafficCounters();
  private final StateFile stateFile;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadPoolExecutor workers;
  private final HttpServer http;

  private SandboxServer(SandboxOptions options, StateOwner owner) throws IOException {
    this.options = options;
    this.state = new TitanState(clock, this::changed);
    // The state file's lock first: the state is read only once no other sandbox can still save.
    this.stateFile = StateFile.lock(options.stateFile(), state);
    try {
      state.replace(StateFile.initialImage(options, clock));
      this.http = listen(options);
    } catch (IOException | RuntimeException e) {
      stateFile.unlock();
      throw e;
    }
    TitanApi api =
        new TitanApi(state, ledger, options.apiKey(), clock, options.ignoreIdempotency());
    RateWindow rate = new RateWindow(options.rps(), clock);
    this.faults = new FaultDice(options.randomSeed(), options.errorRate(), options.dropRate());

    this.workers =
        new ThreadPoolExecutor(
            WORKER_THREADS,
            WORKER_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("titan-sandbox-"));
    workers.allowCoreThreadTimeOut(true);
    http.createContext("/", new HttpFront(options, api, rate, faults, hold, counters, this::stats));
    http.setExecutor(workers);

    stateFile.startSaving();
    http.start();
    try {
      stateFile.announce(baseUrl(), owner);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Binds 127.0.0.1 literally: never another interface, never ::1 (the base URL names it). */
  private static HttpServer listen(SandboxOptions options) throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    return HttpServer.create(new InetSocketAddress(loopback, options.port()), 256);
  }

  /**
   * Starts a sandbox: loads the state file when it exists, else the seed file, else the built-in
   * sample seed, and listens on 127.0.0.1.
   *
   * @throws IOException when the port is taken or the seed cannot be read
   * @throws StateInUse when another sandbox serves the same state file
   * @throws IllegalArgumentException when the seed breaks the format or the uniqueness rules
   */
  public static SandboxServer start(SandboxOptions options) throws IOException {
    return start(options, StateOwner.standalone());
  }

  /**
   * Starts a sandbox that says, in its state file's lock, what it is.
   *
   * @throws StateInUse when another sandbox serves the same state file
   */
  public static SandboxServer start(SandboxOptions options, StateOwner owner) throws IOException {
    return new SandboxServer(options, owner);
  }

  /** Who serves a state file now, as its lock says; empty when nobody says so. */
  public static Optional<StateHolder> holderOf(Path stateFile) {
    return StateLock.holderOf(stateFile);
  }

  /** Another sandbox serves the state file: two would each undo the other's writes. */
  public static final class StateInUse extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient StateHolder holder;

    StateInUse(Path stateFile, String holderText) {
      this(stateFile, StateLock.parse(holderText).orElse(null));
    }

    private StateInUse(Path stateFile, StateHolder holder) {
      super(
          "the sandbox state "
              + stateFile
              + " is in use by "
              + (holder == null
                  ? "another sandbox (it is starting or stopping)"
                  : holder.describe())
              + "; its lock is "
              + StateLock.fileOf(stateFile));
      this.holder = holder;
    }

    /** Who holds it; null when its lock says nothing readable yet (it is starting). */
    public StateHolder holder() {
      return holder;
    }
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
    stateFile.close();
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

  /**
   * Adds a user given in the seed format (see the class comment); returns its id.
   *
   * @throws IllegalArgumentException when it breaks the format or the uniqueness rules
   */
  public String seedUser(Map<String, Object> user) {
    JsonNode node = StateCodec.MAPPER.valueToTree(user);
    String id = state.addUser(StateCodec.user(node, clock.instant())).id();
    stateFile.changed();
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
    stateFile.changed();
  }

  /** Changes fault injection while running. */
  public void setFaults(double errorRate, double dropRate) {
    faults.set(errorRate, dropRate);
  }

  /**
   * Holds the nth write request (POST, PATCH, PUT, DELETE) to arrive from now on, counted like
   * {@link #writeCount()}: it is neither handled nor answered until {@link #releaseHeldWrite()}, so
   * a test can kill its client while that write is in flight (sent, and never carried out). Every
   * other request goes on as usual.
   */
  public void holdWrite(long nth) {
    hold.arm(nth);
  }

  /** Whether the write named by {@link #holdWrite} has arrived and is held now. */
  public boolean holdingWrite() {
    return hold.holding();
  }

  /** Lets the held write go unhandled: its connection closes without an answer. */
  public void releaseHeldWrite() {
    hold.release();
  }

  /** The most API requests ever in flight at once (since start or the last reset). */
  public int peakConcurrency() {
    return counters.peakConcurrency();
  }

  /** API requests received, including those answered 401, 429 or 503. */
  public long requestCount() {
    return counters.requests();
  }

  /** API requests with a write method (POST, PATCH, PUT, DELETE), whatever their outcome. */
  public long writeCount() {
    return counters.writes();
  }

  /** Changes the API actually committed (a replay, a no-op PATCH or a refusal commits none). */
  public long mutationCount() {
    return counters.mutations();
  }

  public void resetCounters() {
    counters.reset();
  }

  /** The counters, as GET /_sandbox/stats shows them. */
  public Map<String, Long> stats() {
    return counters.stats(state.userCount());
  }

  private void changed() {
    counters.mutated();
    stateFile.changed();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
