package org.titansync.store;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.titansync.plan.Change;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.run.ChangeOutcome;

/**
 * One line of the audit log ({@code logs/audit.jsonl}, docs/operations.md). Before each write is
 * sent, its {@link Intent} is on disk; after the answer, its {@link Outcome}. A write with an
 * intent and no outcome was cut short (the run was killed): it may or may not have been made.
 * Written field by field, flat and in a stable order, by {@link AuditEntryJson}; read by {@link
 * AuditLine#read}.
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
   * @param siteId Titan's id of that site; null for a change of no one site (and in the lines of
   *     versions before it was written, where it is read from the key)
   * @param before the values before
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
      String siteId,
      ChangeValues before,
      ChangeValues after) {

    /**
     * The subject of a planned change, written to {@code userId}, read from the export {@code
     * file}.
     */
    public static Subject of(String file, Change change, String userId) {
      ChangeView v = ChangeView.of(change);
      String siteId =
          change instanceof SetRoles s
              ? s.siteId()
              : change instanceof RemoveMembership r ? r.siteId() : null;
      return new Subject(
          file,
          v.kind(),
          v.key(),
          v.externalId(),
          v.email(),
          userId,
          v.site(),
          siteId,
          v.before(),
          v.after());
    }
  }

  /**
   * A write about to be sent; on disk (forced) before it is.
   *
   * @param attempt 1 for the first try of the change, 2 for its first retry, ...
   */
  @JsonSerialize(using = AuditEntryJson.IntentWriter.class)
  record Intent(String time, String runId, Subject subject, String idempotencyKey, int attempt)
      implements AuditEntry {
    static final String TYPE = "intent";
  }

  /**
   * How a change ended.
   *
   * @param result what became of the write: {@link ChangeOutcome.State#id()}, "done", "failed", ...
   * @param error why it failed; null when done
   */
  @JsonSerialize(using = AuditEntryJson.OutcomeWriter.class)
  record Outcome(
      String time,
      String runId,
      Subject subject,
      int httpStatus,
      int attempts,
      String result,
      String error)
      implements AuditEntry {
    static final String TYPE = "outcome";

    public boolean done() {
      return ChangeOutcome.State.DONE.id().equals(result);
    }
  }
}
