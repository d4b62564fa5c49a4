package org.titansync.daemon;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.titansync.config.SyncConfig;
import org.titansync.run.DirectEntry;
import org.titansync.run.RunId;
import org.titansync.run.ShownName;
import org.titansync.store.OwnerOnly;

/**
 * What becomes of a file the daemon held ({@code held/<run-id>-<name>}, with its {@code
 * .reason.txt}) once someone decides: approved, it goes to {@code archive/<day>/} like any synced
 * file and its reason file, now stale, goes; discarded, it goes to {@code quarantine/} with the
 * reason given. Only entries directly in held/ named after the run are moved, by their own entry.
 */
public final class HeldFiles {
  private static final String REASON = ".reason.txt";

  private final SyncConfig.Paths paths;

  public HeldFiles(SyncConfig.Paths paths) {
    this.paths = paths;
  }

  /** The held files of a run, without their reason files; empty when there are none. */
  List<Path> of(String runId) throws IOException {
    if (!RunId.isValid(runId) || !Files.isDirectory(paths.held(), LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.held())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(runId + "-") && !name.endsWith(REASON)) {
          found.add(entry);
        }
      }
    }
    return found;
  }

  /** An approved run's files: to {@code archive/<day>/}, their reason files deleted. */
  public List<Path> approved(String runId, LocalDate day) throws IOException {
    List<Path> moved = new ArrayList<>();
    for (Path file : of(runId)) {
      Path dir = OwnerOnly.createDirectories(paths.archive().resolve(day.toString()));
      moved.add(moveOut(file, dir.resolve(file.getFileName())));
      Files.deleteIfExists(DirectEntry.require(paths.held(), InboxFolders.reasonFile(file)));
    }
    return moved;
  }

  /** A discarded run's files: to {@code quarantine/}, with {@code reason} beside them. */
  public List<Path> discarded(String runId, String reason) throws IOException {
    List<Path> moved = new ArrayList<>();
    for (Path file : of(runId)) {
      Path dir = OwnerOnly.createDirectories(paths.quarantine());
      Path target = dir.resolve(file.getFileName());
      InboxFolders.writeAtomically(InboxFolders.reasonFile(target), reason);
      moved.add(moveOut(file, target));
      Files.deleteIfExists(DirectEntry.require(paths.held(), InboxFolders.reasonFile(file)));
    }
    return moved;
  }

  private Path moveOut(Path file, Path target) throws IOException {
    DirectEntry.require(paths.held(), file);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          ShownName.of(target) + " exists already; " + ShownName.of(file) + " stays in held/");
    }
    InboxFolders.moveOutOf(paths.held(), file, target);
    return target;
  }
}
