package org.titansync.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the audit log ({@code logs/audit.jsonl}, docs/operations.md). Before each write is
 * sent, its {@link Intent} is on disk; after the answer, its {@link Outcome}. A write with an
 * intent and no outcome was cut short (the run was killed): it may or may not have been made.
 */
public sealed interface AuditEntry extends AuditLine {

  /** What the change is about, the same on its intent and its outcome. */
  Subject subject();

  /**
   * The change a line is about.
   *
   * @param change the change's kind id, e.g. {@code create}
   * @param key the change's key in its plan, e.g. {@code set_roles:E123:s_2}
   * @param userId Titan's id of the person; null for a create before it is answered
   * @param site the site's name for a membership change, else ""
   * @param before the values before, as the report shows them
   * @param after the values after
   */
  record Subject(
      String file,
      String change,
      String key,
      String externalId,
      String email,
      String userId,
      String site,
      Map<String, Object> before,
      Map<String, Object> after) {}

  /**
   * A write about to be sent; on disk (forced) before it is.
   *
   * @param attempt 1 for the first try of the change, 2 for its first retry, ...
   */
  record Intent(String time, String runId, Subject subject, String idempotencyKey, int attempt)
      implements AuditEntry {}

  /**
   * How a change ended.
   *
   * @param result what became of the write: {@link ChangeOutcome.State#id()}, "done", "failed", ...
   * @param error why it failed; null when done
   */
  record Outcome(
      String time,
      String runId,
      Subject subject,
      int httpStatus,
      int attempts,
      String result,
      String error)
      implements AuditEntry {
    public boolean done() {
      return ChangeOutcome.State.DONE.id().equals(result);
    }
  }

  /** The line's JSON object, flat, in a stable field order. */
  static Map<String, Object> toJson(AuditEntry entry) {
    Map<String, Object> line = new LinkedHashMap<>();
    Subject s = entry.subject();
    if (entry instanceof Intent i) {
      line.put("type", "intent");
      line.put("time", i.time());
      line.put("run_id", i.runId());
      line.put("idempotency_key", i.idempotencyKey());
      line.put("attempt", i.attempt());
    } else if (entry instanceof Outcome o) {
      line.put("type", "outcome");
      line.put("time", o.time());
      line.put("run_id", o.runId());
    }
    line.put("file", s.file());
    line.put("change", s.change());
    line.put("key", s.key());
    line.put("external_id", s.externalId());
    line.put("email", s.email());
    line.put("user_id", s.userId());
    line.put("site", s.site());
    line.put("before", s.before());
    line.put("after", s.after());
    if (entry instanceof Outcome o) {
      line.put("http_status", o.httpStatus());
      line.put("attempts", o.attempts());
      line.put("result", o.result());
      if (o.error() != null) {
        line.put("error", o.error());
      }
    }
    return line;
  }

  /**
   * The entry a line's JSON object holds. Lines written before intents existed have no {@code type}
   * and are outcomes.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static AuditEntry fromJson(Map<String, Object> line) {
    String type = optional(line, "type");
    Subject subject =
        new Subject(
            optional(line, "file"),
            required(line, "change"),
            required(line, "key"),
            optional(line, "external_id"),
            optional(line, "email"),
            optional(line, "user_id"),
            optional(line, "site"),
            map(line, "before"),
            map(line, "after"));
    String time = optional(line, "time");
    String runId = required(line, "run_id");
    if ("intent".equals(type)) {
      return new Intent(
          time, runId, subject, optional(line, "idempotency_key"), number(line, "attempt"));
    }
    if (type != null && !"outcome".equals(type)) {
      throw new IllegalArgumentException("unknown type \"" + type + "\"");
    }
    return new Outcome(
        time,
        runId,
        subject,
        number(line, "http_status"),
        number(line, "attempts"),
        required(line, "result"),
        optional(line, "error"));
  }

  private static String required(Map<String, Object> line, String field) {
    String value = optional(line, field);
    if (value == null) {
      throw new IllegalArgumentException("no " + field);
    }
    return value;
  }

  private static String optional(Map<String, Object> line, String field) {
    Object value = line.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(field + " is not a string");
  }

  private static int number(Map<String, Object> line, String field) {
    Object value = line.get(field);
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw new IllegalArgumentException(field + " is not a number");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> line, String field) {
    Object value = line.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw new IllegalArgumentException(field + " is not an object");
  }
}
