package org.titansync.sandbox;

import java.util.Map;
import java.util.TreeMap;

/**
 * A refusal the contract defines: an HTTP status and the body {@code {"error": {"code", "message",
 * "details"}}}. Thrown by the rules, turned into a response in one place.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  ApiError(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  /** 422 validation_failed; {@code details.fields} maps each bad field to what is wrong. */
  static ApiError validation(Map<String, String> fields) {
    return new ApiError(
        422,
        "validation_failed",
        "The request is invalid: " + String.join(", ", fields.keySet()),
        Map.of("fields", new TreeMap<>(fields)));
  }

  static ApiError validation(String field, String problem) {
    return validation(Map.of(field, problem));
  }

  /** 409 email_taken or external_id_taken, naming the user who holds the value. */
  static ApiError taken(String code, String what, String holderId) {
    return new ApiError(
        409,
        code,
        what + " is already used by user " + holderId,
        Map.of("existing_user_id", holderId));
  }

  static ApiError notFound(String code, String message, Map<String, Object> details) {
    return new ApiError(404, code, message, details);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, Object> details() {
    return details;
  }
}
