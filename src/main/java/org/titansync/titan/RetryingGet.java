package org.titansync.titan;

import org.titansync.plan.TitanFailure;

/**
 * A GET with a bounded retry on 429, 5xx and no answer (reads are always safe to repeat), as {@link
 * TitanClient.Retry} ({@code [retry]}) says: waits as Retry-After says, or the backoff, capped
 * either way. Writes are not retried here: the apply route redelivers them.
 */
final class RetryingGet {
  private final TitanTransport transport;
  private final TitanClient.Retry retry;
  private final TitanErrors errors;

  RetryingGet(TitanTransport transport, TitanClient.Retry retry, TitanErrors errors) {
    this.transport = transport;
    this.retry = retry;
    this.errors = errors;
  }

  /** The body of a 2xx answer, read whole; the error Titan's last answer means otherwise. */
  byte[] get(String pathAndQuery) throws TitanException {
    String what = "GET " + TitanTransport.pathOnly(pathAndQuery);
    int attempts = Math.max(1, retry.maxAttempts());
    TitanException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      TitanTransport.Answer answer = null;
      try {
        answer = transport.exchange("GET", pathAndQuery, null, null);
      } catch (TitanException e) {
        last = e;
      }
      if (answer != null && answer.status() / 100 == 2) {
        return answer.body();
      }
      if (answer != null) {
        last = errors.error(answer.status(), answer.text(), answer.header("Retry-After"), what);
      }
      if (last.handling() != TitanFailure.Handling.TRANSIENT
          && last.handling() != TitanFailure.Handling.UNREACHABLE) {
        throw last;
      }
      if (attempt < attempts) {
        sleep(retry.delayMillis(attempt, last.retryAfterMillis()));
      }
    }
    if (last.handling() == TitanFailure.Handling.TRANSIENT) {
      throw new TitanException(
          TitanFailure.Handling.UNREACHABLE,
          last.status(),
          last.code(),
          last.getMessage() + " (gave up after " + attempts + " attempts)",
          -1);
    }
    throw last;
  }

  private static void sleep(long millis) throws TitanException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
  }
}
