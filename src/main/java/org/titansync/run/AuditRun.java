package org.titansync.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run line of the audit log ({@code "type": "run"}): forced to disk as a run starts writing,
 * before its first intent, it says what the run's writes mean to the guardrails' window, which is
 * rebuilt from the audit log when its file is missing, and which Titan a revert of the run may undo
 * it on.
 *
 * @param time when the run started writing, ISO-8601
 * @param titan the Titan it writes to: its base URL, or {@code sandbox} for the built-in sandbox
 * @param excused why its changes do not count against the limits (the word "approved" or
 *     "first_load"), or empty
 * @param managedUsers accounts titan-sync managed when the run read Titan
 * @param managedMemberships memberships titan-sync managed when the run read Titan
 * @param user the operating-system user the run ran as ("" on lines written before it was kept)
 * @param approves for an approval, the held run it applies; else ""
 * @param by for an approval, who approved as {@code approve --by} names them; else ""
 * @param comment for an approval, {@code approve --comment}; else ""
 */
public record AuditRun(
    String time,
    String runId,
    String titan,
    String excused,
    int managedUsers,
    int managedMemberships,
    String user,
    String approves,
    String by,
    String comment)
    implements AuditLine {

  public AuditRun {
    user = user == null ? "" : user;
    approves = approves == null ? "" : approves;
    by = by == null ? "" : by;
    comment = comment == null ? "" : comment;
  }

  /** A run line that is no approval, by no one named. */
  public AuditRun(
      String time,
      String runId,
      String titan,
      String excused,
      int managedUsers,
      int managedMemberships) {
    this(time, runId, titan, excused, managedUsers, managedMemberships, "", "", "", "");
  }

  /** The line's {@code type}. */
  static final String TYPE = "run";

  /** The line's JSON object, in a stable field order. */
  Map<String, Object> toJson() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", TYPE);
    line.put("time", time);
    line.put("run_id", runId);
    line.put("titan", titan);
    line.put("excused", excused);
    line.put("managed_users", managedUsers);
    line.put("managed_memberships", managedMemberships);
    if (!user.isEmpty()) {
      line.put("user", user);
    }
    if (!approves.isEmpty()) {
      line.put("approves", approves);
      line.put("by", by);
      line.put("comment", comment);
    }
    return line;
  }

  /**
   * The run line a JSON object holds.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static AuditRun fromJson(Map<String, Object> line) {
    return new AuditRun(
        text(line, "time", false),
        text(line, "run_id", true),
        text(line, "titan", true),
        text(line, "excused", false),
        number(line, "managed_users"),
        number(line, "managed_memberships"),
        text(line, "user", false),
        text(line, "approves", false),
        text(line, "by", false),
        text(line, "comment", false));
  }

  private static String text(Map<String, Object> line, String field, boolean required) {
    Object value = line.get(field);
    if (value == null && !required) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(value == null ? "no " + field : field + " is not a string");
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
}
