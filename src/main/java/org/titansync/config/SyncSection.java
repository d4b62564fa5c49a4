package org.titansync.config;

import org.titansync.config.SyncConfig.OnMissing;
import org.titansync.plan.MembershipScope;

/** Reads {@code [sync]}: what the planner may touch. */
final class SyncSection {
  private SyncSection() {}

  static SyncSettings read(ConfigReader reader) {
    return new SyncSettings(
        reader.bool("sync", "dry_run", false),
        reader.bool("sync", "match_existing_by_email", true),
        reader.names("sync", "protected_emails", true),
        reader.names("sync", "protected_external_ids", false),
        reader.names("sync", "protected_roles", true),
        reader.word("sync", "on_missing", OnMissing.REMOVE_MEMBERSHIPS, OnMissing.class),
        reader.integer("sync", "lock_wait_seconds", 60, 0, 86_400),
        reader.integer("sync", "min_free_mb", 100, 0, 1_000_000_000),
        reader.word("sync", "membership_scope", MembershipScope.OWNED, MembershipScope.class),
        reader.integer("sync", "remove_after_missing_runs", 1, 1, 10_000),
        reader.integer("sync", "remove_after_missing_days", 0, 0, 3650),
        reader.bool("sync", "update_email_case", false),
        reader.bool("sync", "fail_on_row_errors", false));
  }
}
