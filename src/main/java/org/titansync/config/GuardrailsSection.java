package org.titansync.config;

import org.titansync.config.GuardrailsSettings.HoldScope;
import org.titansync.guard.Limits;

/**
 * Reads {@code [guardrails]}. The defaults of the checks that {@link Limits} also defaults are
 * taken from there, so the two cannot drift apart.
 */
final class GuardrailsSection {
  private GuardrailsSection() {}

  static GuardrailsSettings read(ConfigReader reader) {
    return new GuardrailsSettings(
        reader.integer("guardrails", "max_removals", 100, 0, Integer.MAX_VALUE),
        reader.decimal("guardrails", "max_removal_percent", 10.0, 0, false, 100),
        reader.decimal("guardrails", "max_update_percent", 20.0, 0, false, 100),
        reader.decimal("guardrails", "min_rows_percent_of_last", 80.0, 0, false, 100),
        reader.bool("guardrails", "hold_on_vanished_site", true),
        reader.bool("guardrails", "hold_on_header_change", true),
        reader.word("guardrails", "hold_scope", HoldScope.ALL, HoldScope.class),
        // Empty unless set: the default rule (admin, principal, superintendent in the name).
        reader.names("guardrails", "privileged_roles", true),
        reader.integer(
            "guardrails",
            "max_privileged_changes",
            Limits.DEFAULT_MAX_PRIVILEGED_CHANGES,
            0,
            Integer.MAX_VALUE),
        reader.decimal(
            "guardrails",
            "max_role_change_percent",
            Limits.DEFAULT_MAX_ROLE_CHANGE_PERCENT,
            0,
            false,
            100),
        reader.integer(
            "guardrails", "max_creations", Limits.DEFAULT_MAX_CREATIONS, 0, Integer.MAX_VALUE),
        reader.decimal(
            "guardrails",
            "max_creation_percent",
            Limits.DEFAULT_MAX_CREATION_PERCENT,
            0,
            false,
            Double.MAX_VALUE),
        reader.decimal(
            "guardrails",
            "max_domain_move_percent",
            Limits.DEFAULT_MAX_DOMAIN_MOVE_PERCENT,
            0,
            false,
            100),
        reader.integer("guardrails", "window_hours", Limits.DEFAULT_WINDOW_HOURS, 0, 720),
        reader.bool("guardrails", "hold_on_last_privileged_holder", true),
        reader.bool("guardrails", "hold_on_privileged_email_change", true),
        reader.bool("guardrails", "hold_on_look_alike_privileged_name", true),
        reader.names("guardrails", "site_last_holder_roles", true));
  }
}
