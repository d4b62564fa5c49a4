package org.titansync.store;

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
 * @param excused why its changes do not count against the limits ({@code approved}, {@code
 *     first_load}), or empty
 * @param managedUsers accounts titan-sync managed when the run read Titan
 * @param managedMemberships memberships titan-sync managed when the run read Titan
 */
@JsonPropertyOrder({
  "type",
  "time",
  "run_id",
  "titan",
  "excused",
  "managed_users",
  "managed_memberships"
})
public record AuditRun(
    String time,
    String runId,
    String titan,
    String excused,
    int managedUsers,
    int managedMemberships)
    implements AuditLine {

  /** The line's {@code type}. */
  static final String TYPE = "run";

  @JsonProperty("type")
  String type() {
    return TYPE;
  }
}
