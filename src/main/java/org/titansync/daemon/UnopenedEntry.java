package org.titansync.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.titansync.logging.RunIdLogging;
import org.titansync.report.ReportWriter;
import org.titansync.run.RunId;
import org.titansync.run.RunStatus;
import org.titansync.run.RunStore;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;

/**
 * An inbox entry that is not a regular file (a link, a folder, a FIFO, a socket, a device): what it
 * is, found without following it, and the refused run that names it and never opens it.
 */
final class UnopenedEntry {
  private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

  private UnopenedEntry() {}

  /** What {@code file} is when it is not a regular file (never following a link), else null. */
  static String kind(Path file) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // gone: the run reports the missing file
    }
    if (a.isRegularFile()) {
      return null;
    }
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (a.isDirectory()) {
      return "a folder";
    }
    return "not a regular file (a FIFO, socket or device)";
  }

  /**
   * A refused run for an entry that is not a regular file: its own run folder with result.json, no
   * copy of anything (the entry is never opened), then mailed and quarantined as any refused file.
   * Names it, never its target.
   */
  static RunSummary refuse(
      Path file, String kind, boolean dryRun, RunStore store, ReportWriter reports) {
    String runId = RunId.next();
    String now =
        OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    String message =
        ShownName.of(file)
            + " is "
            + kind
            + ": the inbox takes regular files only, and titan-sync never opens or follows"
            + " anything else";
    RunSummary summary =
        new RunSummary(
            runId,
            file.getParent().resolve(ShownName.of(file)).toString(),
            now,
            now,
            RunStatus.REFUSED,
            dryRun,
            null,
            Map.of(),
            List.of(),
            message,
            List.of());
    MDC.put(RunIdLogging.KEY, runId);
    try {
      LOG.warn("run {}: {}", runId, message);
      reports.writeResult(store, store.create(runId), summary);
    } catch (IOException | RuntimeException e) {
      LOG.warn("run {}: could not write its run folder: {}", runId, e.toString());
    } finally {
      MDC.remove(RunIdLogging.KEY);
    }
    return summary;
  }
}
