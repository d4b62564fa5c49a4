package org.titansync.plan;

/** Every kind of write a plan can hold, in the order a person's changes are applied. */
public enum ChangeKind {
  /** Move an email that another change of this run needs to a temporary address (phase 0). */
  RELEASE_EMAIL("release_email"),
  /** A new user, with its memberships. */
  CREATE("create"),
  /** Set external_id on a hand-made account with the same email (plus any profile fixes). */
  LINK("link"),
  /** First/last name, email or status differ. */
  UPDATE("update"),
  /** The exact role set at one site (creates the membership when absent). */
  SET_ROLES("set_roles"),
  /** The person left a site, or left the file. */
  REMOVE_MEMBERSHIP("remove_membership"),
  /** on_missing = "deactivate": the person left the file and is set inactive. */
  DEACTIVATE("deactivate");

  private final String id;

  ChangeKind(String id) {
    this.id = id;
  }

  /** The name used in reports, plan.json and the audit log. */
  public String id() {
    return id;
  }
}
