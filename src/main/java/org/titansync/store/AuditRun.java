package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
@JsonPropertyOrder({
  "type",
  "time",
  "run_id",
  "titan",
  "excused",
  "managed_users",
  "managed_memberships",
  "user",
  "approves",
  "by",
  "comment"
})
public record AuditRun(
    String time,
    String runId,
    String titan,
    String excused,
    int managedUsers,
    int managedMemberships,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String user,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String approves,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String by,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String comment)
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

  @JsonProperty("type")
  String type() {
    return TYPE;
  }
}
