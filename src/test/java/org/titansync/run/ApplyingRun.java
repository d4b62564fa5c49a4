package org.titansync.run;

import java.nio.file.Path;
import java.time.Instant;

/** A run made ready to apply, without the stages before apply: for tests of the apply steps. */
public final class ApplyingRun {
  private ApplyingRun() {}

  /** A run of {@code file} whose folder is {@code runDir}, not a dry run. */
  public static RunContext of(String runId, Path runDir, Path file) {
    return new RunContext(
        runId,
        runDir,
        SyncRequest.sync(file, false, SyncRequest.Trigger.CLI),
        Instant.now().toString());
  }
}
