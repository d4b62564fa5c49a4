package org.titansync.run;

import java.nio.file.Path;

/**
 * One sync to run.
 *
 * @param file the export to read
 * @param dryRun plan and report only
 * @param trigger who asked: "cli", "daemon" or "approve"
 */
public record SyncRequest(Path file, boolean dryRun, String trigger) {}
