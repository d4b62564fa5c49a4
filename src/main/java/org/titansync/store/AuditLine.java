package org.titansync.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.titansync.plan.ChangeKind;

/**
 * One line of the audit log ({@code logs/audit.jsonl}): a write's intent or outcome ({@link
 * AuditEntry}), a run line ({@link AuditRun}) that a run writes as it starts writing, or an
 * ownership line ({@link AuditOwned}) per person whose ownership in Titan the run changes.
 */
public sealed interface AuditLine permits AuditEntry, AuditRun, AuditOwned {

  String runId();

  /** When the line was written, ISO-8601; empty or null on lines that do not say. */
  String time();

  /**
   * The line one JSON object holds, read by the one mapping of the state folder's files. Lines
   * written before intents existed have no {@code type} and are outcomes; lines written before run
   * lines existed have none; lines written before {@code site_id} existed give a membership
   * change's site in its key ({@code kind:external_id:site_id}).
   *
   * @throws IllegalArgumentException naming the field that is missing, of the wrong type, or a type
   *     this version does not know
   */
  static AuditLine read(String json) throws java.io.IOException {
    Fields f = StoreJson.reader(Fields.class).readValue(json);
    if (f == null) {
      throw new IllegalArgumentException("null");
    }
    return f.line();
  }

  /** Every field any line has, as a JSON object names them; those a line lacks are null. */
  record Fields(
      String type,
      String time,
      String runId,
      String idempotencyKey,
      Integer attempt,
      String file,
      String change,
      String key,
      String externalId,
      String email,
      String userId,
      String site,
      String siteId,
      ChangeValues before,
      ChangeValues after,
      Integer httpStatus,
      Integer attempts,
      String result,
      String error,
      String titan,
      String excused,
      Integer managedUsers,
      Integer managedMemberships,
      Map<String, Set<String>> adopted,
      Map<String, Set<String>> named,
      Map<String, Set<String>> released) {

    AuditLine line() {
      if (AuditRun.TYPE.equals(type)) {
        return new AuditRun(
            time == null ? "" : time,
            required(runId, "run_id"),
            required(titan, "titan"),
            excused == null ? "" : excused,
            number(managedUsers),
            number(managedMemberships));
      }
      if (AuditOwned.TYPE.equals(type)) {
        return new AuditOwned(
            time == null ? "" : time,
            required(runId, "run_id"),
            required(titan, "titan"),
            required(externalId, "external_id"),
            adopted,
            named,
            released);
      }
      AuditEntry.Subject subject =
          new AuditEntry.Subject(
              file,
              required(change, "change"),
              required(key, "key"),
              externalId,
              email,
              userId,
              site,
              siteId != null ? siteId : siteIdFromKey(),
              before,
              after);
      if (AuditEntry.Intent.TYPE.equals(type)) {
        return new AuditEntry.Intent(
            time, required(runId, "run_id"), subject, idempotencyKey, number(attempt));
      }
      if (type != null && !AuditEntry.Outcome.TYPE.equals(type)) {
        throw new IllegalArgumentException("unknown type \"" + type + "\"");
      }
      return new AuditEntry.Outcome(
          time,
          required(runId, "run_id"),
          subject,
          number(httpStatus),
          number(attempts),
          required(result, "result"),
          error);
    }

    /**
     * A membership change's site id as lines of earlier versions give it: the end of its key,
     * {@code kind:external_id:site_id}.
     */
    private String siteIdFromKey() {
      boolean membership =
          List.of(ChangeKind.SET_ROLES.id(), ChangeKind.REMOVE_MEMBERSHIP.id()).contains(change);
      if (!membership || key == null) {
        return null;
      }
      String prefix = change + ":" + externalId + ":";
      return key.startsWith(prefix)
          ? key.substring(prefix.length())
          : key.substring(key.lastIndexOf(':') + 1);
    }

    private static String required(String value, String field) {
      if (value == null) {
        throw new IllegalArgumentException("no " + field);
      }
      return value;
    }

    private static int number(Integer value) {
      return value == null ? 0 : value;
    }
  }
}
