package org.titansync.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.titansync.run.KindCount;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;

/**
 * The daemon's own Prometheus metrics, served at {@code /observe/metrics} beside Camel's:
 *
 * <ul>
 *   <li>{@code titan_sync_runs_total{status}}: runs by how they ended;
 *   <li>{@code titan_sync_changes_total{kind,outcome}}: changes done, failed or skipped, by kind;
 *   <li>{@code titan_sync_api_calls_total{status}}: writes sent to Titan by HTTP status ({@code
 *       error} when no answer came);
 *   <li>{@code titan_sync_api_retries_total}: writes tried again;
 *   <li>{@code titan_sync_last_success_timestamp_seconds}: end of the last run that succeeded
 *       (applied, nothing to do, or dry run), 0 before the first.
 * </ul>
 *
 * As a Camel event notifier it sees every write to Titan and every retry.
 */
public final class DaemonMetrics extends EventNotifierSupport {
  private final MeterRegistry registry;
  private final AtomicLong lastSuccess = new AtomicLong();

  public DaemonMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RunStatus status : RunStatus.values()) {
      runs(status); // every status shows, at 0, from the start
    }
    Counter.builder("titan.sync.api.retries")
        .description("Writes to Titan tried again")
        .register(registry);
    Gauge.builder("titan.sync.last.success.timestamp", lastSuccess, AtomicLong::doubleValue)
        .description("When the last successful run ended (Unix time)")
        .baseUnit("seconds")
        .register(registry);
  }

  /**
   * Sets the last success from the newest run folder that succeeded, so that a restart (a deploy)
   * does not put the gauge back to 0 and fire the alert on it (docs/operations.md, "Health and
   * metrics"). Run folders are read newest first until one succeeded.
   */
  public void recall(org.titansync.store.StateFolder store) {
    try {
      for (String id : store.runIds()) {
        java.util.Optional<org.titansync.store.ResultFile> result =
            org.titansync.store.ResultFile.read(store, store.folder(id));
        if (result.isEmpty() || result.get().finishedAt() == null) {
          continue;
        }
        String status = result.get().status();
        if ("applied".equals(status)
            || "nothing_to_do".equals(status)
            || "dry_run".equals(status)) {
          lastSuccess.compareAndSet(
              0, OffsetDateTime.parse(result.get().finishedAt()).toEpochSecond());
          return;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // An unreadable folder leaves the gauge at 0, as before the first run: never a false success.
    }
  }

  /** When the last successful run ended, Unix seconds; 0 when none is known. */
  long lastSuccessSeconds() {
    return lastSuccess.get();
  }

  /** Counts one finished run. */
  public void record(RunSummary summary) {
    runs(summary.status()).increment();
    for (KindCount k : KindCount.of(summary)) {
      changes(k.kind(), "done").increment(k.done());
      changes(k.kind(), "failed").increment(k.failed());
      changes(k.kind(), "skipped").increment(k.skipped());
    }
    if (summary.status() == RunStatus.APPLIED
        || summary.status() == RunStatus.NOTHING_TO_DO
        || summary.status() == RunStatus.DRY_RUN) {
      lastSuccess.set(endSecond(summary.finishedAt()));
    }
  }

  /**
   * The sent events of the writes, and the redeliveries. The sending events too, though nothing is
   * counted from them: Camel's {@code to} raises the sent event of an exchange only when a notifier
   * took its sending event.
   */
  @Override
  public boolean isEnabled(CamelEvent event) {
    return event instanceof CamelEvent.ExchangeSendingEvent
        || event instanceof CamelEvent.ExchangeSentEvent
        || event instanceof CamelEvent.ExchangeRedeliveryEvent;
  }

  @Override
  public void notify(CamelEvent event) {
    if (event instanceof CamelEvent.ExchangeSentEvent sent && isWrite(sent.getEndpoint())) {
      Exchange ex = sent.getExchange();
      Integer code = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
      String status = code == null ? "error" : code.toString();
      Counter.builder("titan.sync.api.calls")
          .description("Writes sent to Titan, by HTTP status")
          .tag("status", status)
          .register(registry)
          .increment();
    } else if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
      registry.counter("titan.sync.api.retries").increment();
    }
  }

  private Counter runs(RunStatus status) {
    return Counter.builder("titan.sync.runs")
        .description("Runs of the daemon, by how they ended")
        .tag("status", status.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Counter changes(String kind, String outcome) {
    return Counter.builder("titan.sync.changes")
        .description("Changes made in Titan, by kind and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry);
  }

  private static long endSecond(String finishedAt) {
    try {
      return OffsetDateTime.parse(finishedAt).toEpochSecond();
    } catch (RuntimeException e) {
      return System.currentTimeMillis() / 1000;
    }
  }

  /**
   * Whether an endpoint is the write step of the apply route: {@code to:
   * "bean:applier?method=send"} in routes/apply.camel.yaml, an endpoint rather than a bean step so
   * that each write sent shows here.
   */
  private static boolean isWrite(org.apache.camel.Endpoint endpoint) {
    String uri = endpoint.getEndpointUri();
    return uri.startsWith("bean://applier") && uri.contains("method=send");
  }
}
