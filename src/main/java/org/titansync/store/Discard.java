package org.titansync.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.Optional;
import org.titansync.run.ShownName;
import org.titansync.run.ShownTime;

/**
 * Who set a held run aside for good, when and why: {@code discard.json} in the held run's folder. A
 * discarded run is never approved, and {@code runs} stops offering it.
 *
 * @param discardedBy the operating-system user who ran {@code discard}
 * @param by the person, as {@code --by} named them; empty when not given
 * @param discardedAt when, ISO-8601 with offset
 * @param reason {@code --reason}
 */
public record Discard(
    String runId, String discardedBy, String host, String discardedAt, String by, String reason) {

  static final String FILE = "discard.json";

  /** A discard by whoever runs this process, now. */
  public static Discard now(String runId, String by, String reason) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return new Discard(
        runId,
        System.getProperty("user.name"),
        host,
        StateFolder.now(),
        by == null ? "" : by,
        reason == null ? "" : reason);
  }

  /** The discard recorded in a run folder, if any. */
  static Optional<Discard> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), Discard.class);
  }

  /**
   * Records the discard in the held run's folder, unless one is there already.
   *
   * @return false when the run had been discarded already
   */
  public boolean claim(StateFolder store, Path heldDir) throws IOException {
    try {
      Files.write(
          heldDir.resolve(FILE),
          StoreJson.file(this),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      OwnerOnly.restrictFile(heldDir.resolve(FILE));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * "alice (as Dana Reyes) on build-01 at 2026-11-26 18:30:00 Europe/Paris: "the export was cut"",
   * the time in the machine's zone, with the zone named ({@link ShownTime}).
   */
  public String describe() {
    return discardedBy
        + (by == null || by.isEmpty() ? "" : " (as " + ShownName.escape(by) + ")")
        + " on "
        + host
        + " at "
        + ShownTime.of(discardedAt, ZoneId.systemDefault())
        + ": \""
        + ShownName.escape(reason)
        + "\"";
  }
}
