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
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;
import org.titansync.store.StateFolder;

/**
 * An inbox entry refused without being opened: one that is not a regular file (a link, a folder, a
 * FIFO, a socket, a device), or whose name cannot be used as it is ({@link UnusableName}). What is
 * wrong with it, found without following it, and the refused run that names it and never opens it.
 */
final class UnopenedEntry {
  private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

  private UnopenedEntry() {}

  /**
   * Why {@code file} is refused unopened (the rest of a sentence that starts with its name), or
   * null for a regular file with a usable name, or an entry that is gone (its run reports it
   * missing).
   */
  static String why(Path file) {
    try {
      return why(
          file, Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return null;
    }
  }

  /** {@link #why(Path)} with the entry's own attributes (never a link's target's). */
  static String why(Path file, BasicFileAttributes a) {
    String name = UnusableName.why(file);
    if (name != null) {
      return "cannot be used as a file name: it "
          + name
          + "; titan-sync refuses such a name without opening the entry";
    }
    if (a.isRegularFile()) {
      return null;
    }
    String kind;
    if (a.isSymbolicLink()) {
      kind = "a symbolic link";
    } else if (a.isDirectory()) {
      kind = "a folder";
    } else {
      kind = "not a regular file (a FIFO, socket or device)";
    }
    return "is "
        + kind
        + ": the inbox takes regular files only, and titan-sync never opens or follows anything"
        + " else";
  }

  /**
   * A refused run for an entry refused unopened: its own run folder with result.json, no copy of
   * anything (the entry is never opened), then mailed and quarantined as any refused file. Names it
   * (escaped), never its target.
   */
  static RunSummary refuse(
      Path file, String why, boolean dryRun, StateFolder store, ReportWriter reports) {
    String runId = RunId.next();
    String now =
        OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    String message = ShownName.of(file) + " " + why;
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
