package org.titansync.apply;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.RunContext;
import org.titansync.run.RunStatus;
import org.titansync.store.AuditEntry;
import org.titansync.store.AuditLog;

/**
 * The steps of one write in the apply routes ({@code routes/apply.camel.yaml}): make the change
 * through the {@link TitanPort} (over HTTP, the one client to Titan), decide whether to retry, and,
 * before a retry that follows an answer that may have been lost after Titan committed the write,
 * look the person up so that the write is never made twice (even against a Titan that ignores
 * Idempotency-Key).
 */
public final class Applier implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** Exchange property holding the {@link RunContext}. */
  public static final String RUN = "titanRun";

  private static final String USER_ID = "titanUserId";
  private static final String ATTEMPTS = "titanAttempts";
  private static final String AMBIGUOUS = "titanAmbiguous";
  private static final String VERIFIED = "titanVerified";
  private static final String SKIP = "titanSkip";
  private static final String LAST_STATUS = "titanLastStatus";

  private final TitanPort titan;
  private final AuditLog audit;
  private final int maxAttempts;
  private final long maxDelayMs;
  private final long budgetNanos;

  public Applier(
      TitanPort titan, AuditLog audit, int maxAttempts, long maxDelayMs, long budgetSeconds) {
    this.titan = titan;
    this.audit = audit;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.maxDelayMs = maxDelayMs;
    this.budgetNanos = budgetSeconds * 1_000_000_000L;
  }

  /** The apply route starts. */
  public void starting(Exchange ex) {
    ex.getProperty(RUN, RunContext.class).applyStarting();
  }

  /** The apply route is done: every change has an outcome. */
  public void ended(Exchange ex) {
    ex.getProperty(RUN, RunContext.class).applyEnded();
  }

  /**
   * Before each attempt: note the Titan user the change writes to, or mark the write as not needed.
   */
  public void prepare(Exchange ex) {
    Change change = ex.getIn().getBody(Change.class);
    if (change == null) {
      change = ex.getProperty("titanChange", Change.class);
    }
    ex.setProperty("titanChange", change);
    RunContext run = ex.getProperty(RUN, RunContext.class);
    ex.getIn().removeHeaders("*");
    ex.setProperty(SKIP, false);
    if (Boolean.TRUE.equals(ex.getProperty(VERIFIED, Boolean.class))) {
      finish(ex, run, change, ChangeOutcome.State.DONE, 0, "already in effect (answer was lost)");
      ex.setProperty(SKIP, true);
      return;
    }
    String stopped = run.applyStopped();
    if (stopped != null) {
      finish(
          ex,
          run,
          change,
          ChangeOutcome.State.SKIPPED,
          0,
          "not sent: the run stopped (" + stopped + ")");
      ex.setProperty(SKIP, true);
      return;
    }
    String userId = run.userIdFor(change);
    if (userId == null && !(change instanceof CreateUser)) {
      finish(
          ex,
          run,
          change,
          ChangeOutcome.State.SKIPPED,
          0,
          "the person's account could not be created");
      ex.setProperty(SKIP, true);
      return;
    }
    if (run.elapsedNanos() > budgetNanos) {
      finish(ex, run, change, ChangeOutcome.State.SKIPPED, 0, "the run's time budget ran out");
      ex.setProperty(SKIP, true);
      return;
    }
    ex.setProperty(USER_ID, userId);
  }

  /**
   * One attempt: makes the change through the port and records success or a refused change, or
   * throws to have it retried by the route. A refused key stops the whole apply at once.
   */
  public void send(Exchange ex) throws TitanFailure {
    RunContext run = ex.getProperty(RUN, RunContext.class);
    Change change = ex.getProperty("titanChange", Change.class);
    String userId = ex.getProperty(USER_ID, String.class);
    String idempotencyKey = run.runId() + ":" + change.key();
    int attempt = attempts(ex) + 1;
    try {
      audit.intent(
          new AuditEntry.Intent(
              Instant.now().toString(),
              run.runId(),
              subject(run, change),
              titan.takesIdempotencyKey(change) ? idempotencyKey : null,
              attempt));
    } catch (IOException e) {
      String why =
          "the audit log "
              + audit.file()
              + " cannot be written ("
              + e.getMessage()
              + "): no write is sent without its audit line, so the run stopped";
      LOG.error(why);
      run.stopApply(RunStatus.STORAGE, why);
      finish(ex, run, change, ChangeOutcome.State.SKIPPED, 0, "not sent: " + why);
      return;
    }
    ex.setProperty(ATTEMPTS, attempt);
    TitanPort.WriteOutcome outcome;
    try {
      outcome = titan.write(change, userId, idempotencyKey);
    } catch (TitanFailure e) {
      ex.setProperty(LAST_STATUS, e.status());
      if (e.status() > 0) {
        ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, e.status());
      }
      if (e.handling() == TitanFailure.Handling.AUTH) {
        run.stopApply(RunStatus.UNREACHABLE, e.getMessage());
        finish(ex, run, change, ChangeOutcome.State.FAILED, e.status(), e.getMessage());
        return;
      }
      if (e.status() == 0 || e.status() >= 500) {
        ex.setProperty(AMBIGUOUS, true);
      }
      long delay = e.retryAfterMillis();
      if (delay >= 0) {
        ex.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(delay, maxDelayMs));
      }
      throw e;
    }
    int status = outcome.status();
    ex.setProperty(LAST_STATUS, status);
    ex.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    if (!outcome.done()
        && change instanceof CreateUser c
        && Boolean.TRUE.equals(ex.getProperty(AMBIGUOUS, Boolean.class))
        && "external_id_taken".equals(outcome.code())) {
      // An earlier attempt committed but its answer was lost, and Titan ignored the key.
      Optional<TitanUser> made = titan.findByExternalId(c.externalId());
      if (made.isPresent() && c.email().equalsIgnoreCase(made.get().email())) {
        run.created(c.externalId(), made.get().id());
        finish(ex, run, change, ChangeOutcome.State.DONE, status, null);
        return;
      }
    }
    if (outcome.done()) {
      if (outcome.createdUserId() != null) {
        run.created(change.externalId(), outcome.createdUserId());
      }
      finish(ex, run, change, ChangeOutcome.State.DONE, status, null);
    } else {
      finish(ex, run, change, ChangeOutcome.State.FAILED, status, outcome.message());
    }
  }

  /** The route's retryWhile: transient failures, within max_attempts and the run's budget. */
  public boolean shouldRetry(Exchange ex) {
    Throwable cause = caught(ex);
    RunContext run = ex.getProperty(RUN, RunContext.class);
    return isTransient(cause) && attempts(ex) < maxAttempts && run.elapsedNanos() < budgetNanos;
  }

  /** onRedelivery: after a lost answer to a write, check whether it took effect. */
  @Override
  public void process(Exchange ex) {
    if (!Boolean.TRUE.equals(ex.getProperty(AMBIGUOUS, Boolean.class))) {
      return;
    }
    RunContext run = ex.getProperty(RUN, RunContext.class);
    Change change = ex.getProperty("titanChange", Change.class);
    try {
      if (inEffect(run, change)) {
        ex.setProperty(VERIFIED, true);
      }
    } catch (TitanFailure e) {
      LOG.debug("look-up before retry failed: {}", e.getMessage());
    }
  }

  /** The route's onException steps once retries are over: the change failed; others go on. */
  public void failed(Exchange ex) {
    RunContext run = ex.getProperty(RUN, RunContext.class);
    Change change = ex.getProperty("titanChange", Change.class);
    Throwable cause = caught(ex);
    int status = cause instanceof TitanFailure t ? t.status() : 0;
    String message = cause == null ? "failed" : cause.getMessage();
    if (cause instanceof IOException) {
      message = "no answer from Titan (" + cause.getClass().getSimpleName() + ")";
    }
    if (attempts(ex) >= maxAttempts && isTransient(cause)) {
      message += " (gave up after " + attempts(ex) + " attempts)";
    } else if (isTransient(cause)) {
      message += " (the run's time budget ran out)";
    }
    finish(ex, run, change, ChangeOutcome.State.FAILED, status, message);
  }

  private static boolean isTransient(Throwable cause) {
    return cause instanceof IOException
        || (cause instanceof TitanFailure t && t.handling() == TitanFailure.Handling.TRANSIENT);
  }

  private boolean inEffect(RunContext run, Change change) throws TitanFailure {
    if (change instanceof CreateUser c) {
      Optional<TitanUser> u = titan.findByExternalId(c.externalId());
      u.ifPresent(user -> run.created(c.externalId(), user.id()));
      return u.isPresent();
    }
    String userId = run.userIdFor(change);
    if (userId == null) {
      return false;
    }
    Optional<TitanUser> found = titan.findById(userId);
    if (found.isEmpty()) {
      return false;
    }
    TitanUser u = found.get();
    if (change instanceof UpdateUser up) {
      Profile now = u.profile();
      Profile want = up.after();
      return Objects.equals(now.externalId(), want.externalId())
          && Objects.equals(now.firstName(), want.firstName())
          && Objects.equals(now.lastName(), want.lastName())
          && (now.email() == null
              ? want.email() == null
              : now.email().equalsIgnoreCase(want.email()))
          && now.active() == want.active();
    }
    if (change instanceof SetRoles s) {
      Set<String> roles = u.memberships().get(s.siteId());
      return roles != null && roles.equals(Set.copyOf(s.after().roleIds()));
    }
    return !u.memberships().containsKey(((RemoveMembership) change).siteId());
  }

  private void finish(
      Exchange ex,
      RunContext run,
      Change change,
      ChangeOutcome.State state,
      int status,
      String error) {
    int attempts = attempts(ex);
    run.record(change, new ChangeOutcome(state, status, attempts, error));
    if (attempts == 0 && state != ChangeOutcome.State.DONE) {
      return; // nothing was sent: not an audit event
    }
    try {
      audit.outcome(
          new AuditEntry.Outcome(
              Instant.now().toString(),
              run.runId(),
              subject(run, change),
              status,
              attempts,
              state.id(),
              error));
    } catch (IOException e) {
      LOG.error("could not append to {}: {}", audit.file(), e.getMessage());
      run.notes().add("audit log not writable: " + e.getMessage());
    }
  }

  private static AuditEntry.Subject subject(RunContext run, Change change) {
    return AuditEntry.Subject.of(
        run.request().file().getFileName().toString(), change, run.userIdFor(change));
  }

  private static int attempts(Exchange ex) {
    Integer n = ex.getProperty(ATTEMPTS, Integer.class);
    return n == null ? 0 : n;
  }

  private static Throwable caught(Exchange ex) {
    Throwable t = ex.getException();
    if (t == null) {
      t = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
    return t;
  }
}
