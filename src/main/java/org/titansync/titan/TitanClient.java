package org.titansync.titan;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.SitesAndRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * The Titan HST contract (docs/titan-api.md) over HTTP, the {@link TitanPort} of every run: every
 * call to Titan goes through it, reads (the snapshot, look-ups, doctor, the readiness probe) and
 * the apply route's writes ({@link #send}). One HTTP exchange ({@link TitanTransport}), so auth,
 * User-Agent, proxy, timeouts, the pace and the bounds on answers are set once. The parts, each in
 * its own class: the exchange, the retry of reads ({@link RetryingGet}), paged reads ({@link
 * PagedReads}), the writes ({@link TitanWrites}), the JSON mapping ({@link TitanJson}) and the
 * errors ({@link TitanErrors}).
 *
 * <p>Nothing from Titan is trusted (DESIGN.md invariant 6): each answer, headers and body, must
 * arrive whole within {@code titan.timeout_seconds}; a body larger than {@link Bounds} allows is
 * refused (an error body is cut short); no compressed answer is asked for and none is inflated; a
 * paged read stops when its pages outrun {@link Bounds#maxUsers}; a field of the wrong JSON type is
 * named in the error; and the API key is scrubbed from any text that came back.
 */
public final class TitanClient implements TitanPort {

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

  /** The code of a write whose answer did not come whole: it may have been made. */
  public static final String LOST_ANSWER = "lost_answer";

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
     * For a client built without a config (tools, tests): 5 tries, 500 ms doubling, capped at 10 s.
     * A client built from a config takes {@code [retry]} instead.
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

  /**
   * Told about a snapshot's parts as they arrive: sites and roles first, then the users (the port's
   * listener, under the client's name).
   */

  /**
   * What a write's answer means.
   *
   * @param status the answer's HTTP status
   * @param createdUserId the new user's id after a successful create, else null
   */
  public record WriteOutcome(
      boolean done, int status, String createdUserId, String code, String message)
      implements TitanPort.WriteOutcome {}

  private final TitanTransport transport;
  private final TitanErrors errors;
  private final RetryingGet reads;
  private final PagedReads pages;
  private final TitanWrites writes;

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
    this.errors = new TitanErrors(apiKey);
    this.transport =
        new TitanTransport(baseUrl, apiKey, timeout, proxy.orElse(null), bounds, rate, errors);
    this.reads = new RetryingGet(transport, retry, errors);
    this.pages = new PagedReads(reads, errors, Math.max(1, Math.min(500, pageSize)), bounds);
    this.writes = new TitanWrites(transport, errors);
  }

  public URI baseUrl() {
    return transport.baseUrl();
  }

  /** The pace shared by every call this client makes: its {@link RateGate}. */
  @Override
  public TitanPort.Pace pace() {
    return transport.rate();
  }

  // ---------------------------------------------------------------- reads

  /** One cheap authenticated call: throws AUTH for a refused key, UNREACHABLE when no answer. */
  public void checkAccess() throws TitanException {
    String query = "/sites?limit=1";
    byte[] body = reads.get(query);
    errors.parsed(query, () -> pages.readPage(body, TitanJson::site, "/sites"));
  }

  /** Sites, roles and every user, each read in pages of {@code pageSize}. */
  @Override
  public Snapshot readSnapshot() throws TitanException {
    return readUsers(readSitesAndRoles(), user -> {});
  }

  /** Titan's sites and roles, each read in pages of {@code pageSize}. */
  @Override
  public SitesAndRoles readSitesAndRoles() throws TitanException {
    List<TitanSite> sites = new ArrayList<>();
    pages.forEach("/sites", TitanJson::site, sites::add);
    List<TitanRole> roles = new ArrayList<>();
    pages.forEach("/roles", TitanJson::role, roles::add);
    return new SitesAndRoles(sites, roles);
  }

  /**
   * Every user, read in pages of {@code pageSize}; each is handed to {@code each} as its page
   * arrives, so that work on them can start before the last page is in.
   */
  @Override
  public Snapshot readUsers(SitesAndRoles catalog, Consumer<TitanUser> each) throws TitanException {
    // Users hold the ids of a few sites and roles many times over: keep one copy of each.
    Map<String, String> ids = new HashMap<>();
    catalog.sites().forEach(s -> ids.putIfAbsent(s.id(), s.id()));
    catalog.roles().forEach(r -> ids.putIfAbsent(r.id(), r.id()));
    List<TitanUser> users = new ArrayList<>();
    pages.forEach(
        "/users",
        p -> TitanJson.user(p, ids),
        user -> {
          users.add(user);
          each.accept(user);
        });
    return new Snapshot(catalog.sites(), catalog.roles(), List.copyOf(users));
  }

  /** Sites and roles only, without the users: for a look at one person. */
  public Snapshot readCatalog() throws TitanException {
    List<TitanSite> sites = new ArrayList<>();
    pages.forEach("/sites", TitanJson::site, sites::add);
    List<TitanRole> roles = new ArrayList<>();
    pages.forEach("/roles", TitanJson::role, roles::add);
    return new Snapshot(List.copyOf(sites), List.copyOf(roles), List.of());
  }

  @Override
  public Optional<TitanUser> findByExternalId(String externalId) throws TitanException {
    String query = "/users?limit=1&external_id=" + TitanTransport.encode(externalId);
    byte[] body = reads.get(query);
    PagedReads.Page<TitanUser> page =
        errors.parsed(
            query, () -> pages.readPage(body, p -> TitanJson.user(p, Map.of()), "/users"));
    return page.items().stream().findFirst();
  }

  @Override
  public Optional<TitanUser> findById(String userId) throws TitanException {
    String path = "/users/" + TitanTransport.encode(userId);
    byte[] body;
    try {
      body = reads.get(path);
    } catch (TitanException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(errors.parsed(path, () -> TitanJson.oneUser(body)));
  }

  // ---------------------------------------------------------------- writes

  /**
   * Renders a planned change as an HTTP write.
   *
   * @param userId the Titan user id to write to (the plan's, or the one a create in this run got);
   *     ignored for a create
   */
  public WriteRequest render(Change change, String userId) {
    return TitanWrites.render(change, userId);
  }

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
    return writes.send(request, idempotencyKey);
  }

  /** POST and PATCH take an {@value #IDEMPOTENCY_HEADER}: a create and a profile update. */
  @Override
  public boolean takesIdempotencyKey(Change change) {
    return change instanceof CreateUser || change instanceof UpdateUser;
  }

  @Override
  public WriteOutcome write(Change change, String userId, String idempotencyKey)
      throws TitanException {
    return send(render(change, userId), idempotencyKey);
  }
}
