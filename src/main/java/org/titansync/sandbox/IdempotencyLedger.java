package org.titansync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers the first answer to each Idempotency-Key for 24 hours. The same key with the same
 * request replays that answer and changes nothing; the same key with another request is refused.
 * Keys are scoped by API key. Keyed writes run one at a time, so two racing retries cannot both
 * commit.
 */
final class IdempotencyLedger {

  static final Duration RETENTION = Duration.ofHours(24);

  /**
   * What a key was first used for. Bodies compare as JSON (key order and spacing do not matter); a
   * body that is not JSON compares as text.
   */
  record Request(String method, String path, JsonNode body, String rawBody) {}

  private record Entry(Request request, ApiResponse response, Instant at) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  synchronized ApiResponse once(
      String scope, String key, Request request, Instant now, Supplier<ApiResponse> write) {
    forgetOlderThan(now.minus(RETENTION));
    String id = scope + '\n' + key;
    Entry first = entries.get(id);
    if (first != null) {
      if (first.request().equals(request)) {
        return first.response().withHeader("Idempotent-Replayed", "true");
      }
      return ApiResponse.error(
          422,
          "idempotency_key_reused",
          "Idempotency-Key " + key + " was already used with a different request",
          Map.of("idempotency_key", key));
    }
    ApiResponse response = write.get();
    entries.put(id, new Entry(request, response, now));
    return response;
  }

  synchronized void clear() {
    entries.clear();
  }

  private void forgetOlderThan(Instant limit) {
    // entries are in insertion order, so the oldest come first
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext() && it.next().at().isBefore(limit)) {
      it.remove();
    }
  }
}
