package org.titansync.titan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Supplier;
import org.titansync.config.Secret;
import org.titansync.plan.TitanFailure;

/**
 * What went wrong with a call to Titan, as a {@link TitanException}: an error status classified by
 * what to do about it, an answer that is not the contract's JSON, a paged read that does not end.
 * Every message passes through here, and the API key is scrubbed from it: Titan, or a proxy before
 * it, may echo the request's headers back, and its text ends up in reports, mails and logs.
 */
final class TitanErrors {
  private final Supplier<String> apiKey;

  TitanErrors(Supplier<String> apiKey) {
    this.apiKey = apiKey;
  }

  /** An error status's answer, classified: 401/403 AUTH, 429 and 5xx TRANSIENT, else REJECTED. */
  TitanException error(int status, String body, String retryAfter, String what) {
    String code = null;
    String message = null;
    try {
      JsonNode err =
          body == null || body.isBlank() ? null : TitanJson.mapper().readTree(body).path("error");
      if (err != null && err.isObject()) {
        code = err.path("code").isTextual() ? err.path("code").asText() : null;
        message = err.path("message").isTextual() ? err.path("message").asText() : null;
        JsonNode fields = err.path("details").path("fields");
        if (fields.isObject() && fields.size() > 0) {
          message = (message == null ? "" : message + " ") + fields;
        }
      }
    } catch (JsonProcessingException ignored) {
      // A proxy's HTML error page, or a body cut at maxErrorBytes: the status says enough.
    }
    TitanFailure.Handling kind =
        switch (status) {
          case 401, 403 -> TitanFailure.Handling.AUTH;
          case 429, 500, 502, 503, 504 -> TitanFailure.Handling.TRANSIENT;
          default -> TitanFailure.Handling.REJECTED;
        };
    String text =
        what
            + ": HTTP "
            + status
            + (code != null ? " " + code : "")
            + (message != null ? ": " + message : "");
    if (kind == TitanFailure.Handling.AUTH) {
      text +=
          status == 401
              ? " (the API key was refused: check titan.api_key or TITAN_API_KEY)"
              : " (the API key lacks user-management permission)";
    }
    return fail(kind, status, code, text, retryAfterMillis(retryAfter));
  }

  /** Reads a whole answer's body; what cannot be read is a bad answer. */
  @FunctionalInterface
  interface Parse<T> {
    T run() throws IOException;
  }

  /** The parse of a GET's 2xx answer; an answer it cannot read is a bad answer. */
  <T> T parsed(String pathAndQuery, Parse<T> parse) throws TitanException {
    try {
      return parse.run();
    } catch (IOException e) {
      throw badAnswer("GET " + TitanTransport.pathOnly(pathAndQuery), 200, e);
    }
  }

  /** An answer that is not the JSON the contract describes: not retried, the run stops. */
  TitanException badAnswer(String what, int status, IOException e) {
    String why =
        e instanceof UnexpectedField
            ? TitanClient.UNEXPECTED + ": " + e.getMessage()
            : "unreadable answer: "
                + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage()
                    : e.getMessage());
    return fail(TitanFailure.Handling.REJECTED, status, "bad_response", what + ": " + why, -1);
  }

  /** A paged read that does not end: the read stops. */
  TitanException doNotAddUp(String path, String why) {
    return fail(
        TitanFailure.Handling.REJECTED,
        200,
        "bad_response",
        TitanClient.DO_NOT_ADD_UP + ": GET " + path + " does not end (" + why + "); the read stops",
        -1);
  }

  /** An error from what Titan sent, with the API key scrubbed from its text. */
  TitanException fail(
      TitanFailure.Handling kind, int status, String code, String message, long retryAfterMillis) {
    return new TitanException(kind, status, scrub(code), scrub(message), retryAfterMillis);
  }

  /** The text with the API key replaced by {@code ***}. */
  String scrub(String text) {
    return Secret.of(apiKey.get()).scrub(text);
  }

  /** Retry-After in seconds (the contract's form); -1 when absent or unreadable. */
  static long retryAfterMillis(String retryAfter) {
    if (retryAfter == null || retryAfter.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(retryAfter.trim()) * 1000));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
