package org.titansync.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox: reads each request, answers the stats path, adds the latency, the
 * injected faults and the rate limit, hands API paths to {@link TitanApi}, and writes the answer.
 */
final class HttpFront implements HttpHandler {
  // under the server's name, as the sandbox has always logged, so operators' log filters match
  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PATCH", "PUT", "DELETE");

  private final SandboxOptions options;
  private final TitanApi api;
  private final RateWindow rate;
  private final FaultDice faults;
  private final WriteHold hold;
  private final TrafficCounters counters;
  private final Supplier<Map<String, Long>> stats;

  HttpFront(
      SandboxOptions options,
      TitanApi api,
      RateWindow rate,
      FaultDice faults,
      WriteHold hold,
      TrafficCounters counters,
      Supplier<Map<String, Long>> stats) {
    this.options = options;
    this.api = api;
    this.rate = rate;
    this.faults = faults;
    this.hold = hold;
    this.counters = counters;
    this.stats = stats;
  }

  @Override
  public void handle(HttpExchange ex) {
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
    if (path.equals(SandboxServer.STATS_PATH)) {
      send(ex, ApiResponse.json(200, StateCodec.MAPPER.valueToTree(stats.get())), rate.peek());
      return;
    }
    boolean write = WRITE_METHODS.contains(method);
    counters.arrived(write);
    // A request stops counting as in flight before its answer goes out: the client may send its
    // next request the moment it has the answer, and that must not look like one more at once.
    boolean counted = true;
    try {
      if (write && hold.holds()) {
        // held until the test let it go: never handled, never answered
        return;
      }
      if (options.latencyMs() > 0) {
        Thread.sleep(options.latencyMs());
      }
      if (faults.failsNow()) {
        counters.injectedError();
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
        counters.throttled();
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
      if (path.startsWith(SandboxServer.BASE_PATH + "/")) {
        Headers h = ex.getRequestHeaders();
        response =
            api.handle(
                new TitanApi.Call(
                    method,
                    path.substring(SandboxServer.BASE_PATH.length()),
                    uri.getRawQuery(),
                    h.getFirst("Authorization"),
                    h.getFirst("Idempotency-Key"),
                    body));
      } else {
        response = ApiResponse.error(404, "not_found", "No such endpoint: " + path, Map.of());
      }
      if (write && faults.dropsNow()) {
        // committed, but the answer is lost: close the connection without a response
        counters.dropped();
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
      counters.left();
    }
    return false;
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
}
