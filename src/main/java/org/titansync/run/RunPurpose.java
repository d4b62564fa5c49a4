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

  /** Plan a held run again against Titan as it is now and apply it within what was held. */
  record Approve(String heldRunId) implements RunPurpose {
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
