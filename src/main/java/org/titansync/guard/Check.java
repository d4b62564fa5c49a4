package org.titansync.guard;

/** Each guardrail, named by its config key. */
public enum Check {
  MAX_REMOVALS("max_removals"),
  MAX_REMOVAL_PERCENT("max_removal_percent"),
  MAX_UPDATE_PERCENT("max_update_percent"),
  MAX_DOMAIN_MOVE_PERCENT("max_domain_move_percent"),
  PRIVILEGED_EMAIL_CHANGE("hold_on_privileged_email_change"),
  MAX_PRIVILEGED_CHANGES("max_privileged_changes"),
  LAST_PRIVILEGED_HOLDER("hold_on_last_privileged_holder"),
  SITE_LAST_HOLDER("site_last_holder_roles"),
  LOOK_ALIKE_PRIVILEGED_NAME("hold_on_look_alike_privileged_name"),
  MAX_ROLE_CHANGE_PERCENT("max_role_change_percent"),
  MAX_CREATIONS("max_creations"),
  MAX_CREATION_PERCENT("max_creation_percent"),
  MIN_ROWS_PERCENT_OF_LAST("min_rows_percent_of_last"),
  VANISHED_SITE("hold_on_vanished_site"),
  HEADER_CHANGE("hold_on_header_change"),
  /** Not a config key: an approval whose plan now goes beyond what was held. */
  APPROVAL_CEILING("approval"),
  /** Not a config key: the window's memory cannot be read, so no counted check can be trusted. */
  WINDOW_UNREADABLE("window"),
  /**
   * Not a config key: titan-sync's memory of its Titan (what it owns there, who is missing) cannot
   * be read, so the plan may take what is not titan-sync's.
   */
  MEMORY_UNREADABLE("memory");

  private final String key;

  Check(String key) {
    this.key = key;
  }

  /** The {@code [guardrails]} key that sets it. */
  public String key() {
    return key;
  }

  /** The setting as the config file spells it, e.g. {@code guardrails.max_removals}. */
  public String setting() {
    return switch (this) {
      case APPROVAL_CEILING -> "(the held run's plan)";
      case WINDOW_UNREADABLE -> "(the window's memory, logs/guard-window.json)";
      case MEMORY_UNREADABLE -> "(titan-sync's memory of its Titan, logs/memory/)";
      default -> "guardrails." + key;
    };
  }
}
