package org.titansync.plan;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Titan as a run and its apply steps use it, in the core's records: the snapshot a run plans
 * against, the look-ups before a retry, and the planned changes written one at a time. The HTTP
 * client ({@code titan.TitanClient}) implements it; tests use an in-memory Titan.
 */
public interface TitanPort {

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

  /** Titan's sites and roles, each read whole. */
  SitesAndRoles readSitesAndRoles() throws TitanFailure;

  /**
   * Every user, each handed to {@code each} as its page arrives (in the snapshot's order), so that
   * work on them can start before the last of them is in.
   *
   * @param catalog the sites and roles read just before, which the snapshot holds with the users
   */
  Snapshot readUsers(SitesAndRoles catalog, Consumer<TitanUser> each) throws TitanFailure;

  /** Sites, roles and every user. */
  default Snapshot readSnapshot() throws TitanFailure {
    return readUsers(readSitesAndRoles(), user -> {});
  }

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
