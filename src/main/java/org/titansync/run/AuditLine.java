package org.titansync.run;

import java.util.Map;

/**
 * One line of the audit log ({@code logs/audit.jsonl}): a write's intent or outcome ({@link
 * AuditEntry}), a run line ({@link AuditRun}) that a run writes as it starts writing, or an
 * ownership line ({@link AuditOwned}) per person whose ownership the run changes.
 */
public sealed interface AuditLine permits AuditEntry, AuditRun, AuditOwned {

  String runId();

  /** When the line was written, ISO-8601; empty or null on lines that do not say. */
  String time();

  /**
   * The line a JSON object holds. Lines written before intents existed have no {@code type} and are
   * outcomes; lines written before run lines existed have none.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static AuditLine fromJson(Map<String, Object> line) {
    Object type = line.get("type");
    if (AuditRun.TYPE.equals(type)) {
      return AuditRun.fromJson(line);
    }
    if (AuditOwned.TYPE.equals(type)) {
      return AuditOwned.fromJson(line);
    }
    return AuditEntry.fromJson(line);
  }
}
