package org.titansync.plan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Titan as a run and its apply steps use it, in the core's records: the snapshot a run plans
 * against, the look-ups before a retry, and the planned changes written one at a time. The HTTP
 * client ({@code titan.TitanClient}) implements it; tests use an in-memory Titan.
 */
public interface TitanPort {

  /** Told about a snapshot's parts as they arrive: sites and roles first, then the users. */
  interface SnapshotListener {
    /** Titan's sites and roles, read whole, before any user. */
    default void catalog(List<TitanSite> sites, List<TitanRole> roles) {}

    /** The next user, in the snapshot's order; a page's users come once the page is read whole. */
    default void user(TitanUser user) {}
  }

  /**
   * What a write's answer means.
   *
   * <p>{@code done}: the change is in effect; {@code status}: the answer's HTTP status; {@code
   * createdUserId}: the new user's id after a successful create, else null; {@code code} and {@code
   * message}: the API's error code and why, when not done.
   */
  interface WriteOutcome {
    boolean done();

    int status();

    String createdUserId();

    String code();

    String message();
  }

  /** How fast calls to Titan go: what its answers announced, or the pace adapted so far. */
  interface Pace {
    /** Requests a second; infinite when nothing limits them. */
    double rate();

    /** The limit Titan's answers announced, if any did. */
    OptionalDouble announcedRate();
  }

  /**
   * Sites, roles and every user; the listener hears of them as they arrive, so that work on them
   * can start before the last of them is in.
   */
  Snapshot readSnapshot(SnapshotListener listener) throws TitanFailure;

  /** Sites, roles and every user. */
  Snapshot readSnapshot() throws TitanFailure;

  Optional<TitanUser> findByExternalId(String externalId) throws TitanFailure;

  Optional<TitanUser> findById(String userId) throws TitanFailure;

  /**
   * Whether Titan honours an idempotency key for this change (a create or a profile update), so
   * that sending it twice with one key makes it once.
   */
  boolean takesIdempotencyKey(Change change);

  /**
   * Makes one planned change, once: one attempt, never retried here (the apply route retries).
   * Done, or refused for good, is the outcome; a failure to retry, or a refused key, throws.
   *
   * @param userId the Titan user written to (the plan's, or the one a create in this run got); null
   *     for a create
   * @param idempotencyKey sent with the changes that {@link #takesIdempotencyKey take one}
   */
  WriteOutcome write(Change change, String userId, String idempotencyKey) throws TitanFailure;

  /** The pace of this Titan's calls, reads and writes alike. */
  Pace pace();
}
