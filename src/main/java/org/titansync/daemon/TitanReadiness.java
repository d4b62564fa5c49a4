package org.titansync.daemon;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.titansync.plan.TitanFailure;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * Readiness: Titan answers and accepts the API key (one cheap authenticated read). The answer is
 * kept for a few seconds, so that frequent probes do not turn into traffic to Titan, and a probe
 * never waits more than a few seconds for it (the client's own retries take longer): no answer in
 * time counts as not ready.
 */
public final class TitanReadiness extends AbstractHealthCheck {
  private static final long KEEP_NANOS = 3_000_000_000L;
  private static final long WAIT_MILLIS = 3_000;

  private final TitanClient client;
  private final Executor executor =
      r -> {
        Thread t = new Thread(r, "titan-readiness");
        t.setDaemon(true);
        t.start();
      };
  private CompletableFuture<String> inFlight;
  private String lastProblem;
  private long lastCheckedNanos;
  private boolean checkedOnce;

  /**
   * @param client a client of the probe's own (built as a run's, with a rate gate of its own): a
   *     probe waits for its answer a few seconds at most, and an answer still to come is picked up
   *     by the next probe
   */
  public TitanReadiness(TitanClient client) {
    super("titan-sync", "titan");
    this.client = client;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    String problem = problem();
    builder.detail("titan.base_url", client.baseUrl().toString());
    if (problem == null) {
      builder.up();
    } else {
      builder.message(problem).down();
    }
  }

  private synchronized String problem() {
    long now = System.nanoTime();
    if (checkedOnce && now - lastCheckedNanos <= KEEP_NANOS) {
      return lastProblem;
    }
    if (inFlight == null) {
      inFlight = CompletableFuture.supplyAsync(this::ask, executor);
    }
    try {
      lastProblem = inFlight.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      inFlight = null;
    } catch (TimeoutException e) {
      // The question stays open; the next probe picks up its answer.
      lastProblem = "Titan did not answer within " + WAIT_MILLIS / 1000 + " s";
    } catch (ExecutionException e) {
      inFlight = null;
      lastProblem = "Titan: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lastProblem = "interrupted";
    }
    lastCheckedNanos = System.nanoTime();
    checkedOnce = true;
    return lastProblem;
  }

  /** Null when Titan accepts the key, else what is wrong. */
  private String ask() {
    try {
      client.checkAccess();
      return null;
    } catch (TitanException e) {
      return (e.handling() == TitanFailure.Handling.AUTH
              ? "Titan refused the API key: "
              : "Titan: ")
          + e.getMessage();
    }
  }
}
