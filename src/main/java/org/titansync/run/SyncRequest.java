package org.titansync.run;

import java.nio.file.Path;

/**
 * One sync to run.
 *
 * @param file the export to read
 * @param dryRun plan and report only
 * @param trigger who asked: "cli", "daemon" or "approve"
 * @param inputs the reads of the file and of Titan, when the caller already started them; null to
 *     have the run start them
 */
public record SyncRequest(Path file, boolean dryRun, String trigger, Inputs inputs) {
  public SyncRequest(Path file, boolean dryRun, String trigger) {
    this(file, dryRun, trigger, null);
  }
}
