package org.titansync.run;

/** What a run is for: each is planned differently, and all are applied by the same routes. */
public sealed interface RunPurpose {

  /** The word request.json and {@code runs} use: "sync", "approve" or "revert". */
  String id();

  /** Read the file, plan against Titan, check the guardrails, apply. */
  record Sync() implements RunPurpose {
    @Override
    public String id() {
      return "sync";
    }
  }

  /**
   * Plan a held run again against Titan as it is now and apply it within what was held.
   *
   * @param by who approves, as {@code --by} names them; empty when not given
   * @param comment why, as {@code --comment} says; empty when not given
   */
  record Approve(String heldRunId, String by, String comment) implements RunPurpose {
    public Approve {
      by = by == null ? "" : by;
      comment = comment == null ? "" : comment;
    }

    /** An approval with no name or comment given. */
    public Approve(String heldRunId) {
      this(heldRunId, "", "");
    }

    @Override
    public String id() {
      return "approve";
    }
  }

  /**
   * Undo an applied run from its audit lines.
   *
   * @param deleteCreated also take away the memberships of the people the run created and set them
   *     inactive (Titan's API cannot delete a user)
   */
  record Revert(String runId, boolean deleteCreated) implements RunPurpose {
    @Override
    public String id() {
      return "revert";
    }
  }
}
