package org.titansync.plan;

/**
 * One write the plan wants. Changes of one person run in list order; different people may run in
 * parallel. All changes of phase 0 finish before any change of phase 1 starts.
 */
public sealed interface Change permits CreateUser, UpdateUser, SetRoles, RemoveMembership {

  ChangeKind kind();

  /** The person's external_id (the key changes are grouped and ordered by). */
  String externalId();

  /** Titan's user id, or null for a user this run creates. */
  String userId();

  /** The person's email as the report should show it (the file's, else Titan's). */
  String email();

  /** 0 for changes that must finish before all others (email releases), else 1. */
  int phase();

  /**
   * A key unique within one plan and stable across plans of the same input and state, e.g. {@code
   * set_roles:E1001:site-3}. With the run id it makes the Idempotency-Key.
   */
  default String key() {
    return kind().id()
        + ":"
        + externalId()
        + (this instanceof SetRoles s
            ? ":" + s.siteId()
            : this instanceof RemoveMembership r ? ":" + r.siteId() : "");
  }
}
