package org.titansync.plan;

/**
 * {@code sync.membership_scope}: what titan-sync may take away from a person who is in the file.
 * People gone from the file lose everything under both (after the grace period).
 */
public enum MembershipScope {
  /**
   * Only what titan-sync owns: what it granted, what a file named, what it took over at its first
   * run against a Titan. A role or membership added by hand stays until a file names it.
   */
  OWNED("owned"),
  /** The file is the whole truth for the people it names: whatever it does not name goes. */
  ALL("all");

  private final String id;

  MembershipScope(String id) {
    this.id = id;
  }

  /** The word the config uses. */
  public String id() {
    return id;
  }
}
