package org.titansync.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.titansync.guard.FileFormat;

/**
 * {@code logs/last-accepted.json}: the last file whose plan was accepted (applied, or approved),
 * what the guardrails compare a new file against. An accepted run keeps the one it replaced in its
 * folder ({@code previous-accepted.json}), so that a revert of it can put that one back.
 *
 * @param format how it was read; null in a record an older titan-sync wrote (unknown: the format is
 *     then not compared, so an upgrade holds nothing)
 */
public record LastAccepted(
    String runId,
    String file,
    int dataRows,
    List<String> headers,
    String acceptedAt,
    FileFormat format) {

  /** The file's name under logs/. */
  public static final String FILE = "last-accepted.json";

  /** In a run folder: the last accepted file this run's file replaced. */
  static final String PREVIOUS = "previous-accepted.json";

  /**
   * The last accepted file; empty before the first. One that is there but is not a regular file (a
   * folder, a link) is damage, never "no last file": it would switch off the comparisons with it.
   */
  public static Optional<LastAccepted> read(StateFolder store) throws IOException {
    Path f = store.logs().resolve(FILE);
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          f
              + " is not a regular file: the last accepted file, which the next export is compared"
              + " with, cannot be read. Move it aside; the next run is then compared with none");
    }
    return StoreJson.read(f, LastAccepted.class);
  }

  /**
   * Makes this the file the next run is compared with, keeping the one it replaces in the accepted
   * run's folder so that a revert of that run can put it back.
   */
  public void accept(StateFolder store, Path runDir) throws IOException {
    Optional<LastAccepted> previous = read(store);
    if (previous.isPresent()) {
      store.writeJson(runDir.resolve(PREVIOUS), previous.get());
    }
    write(store);
  }

  /**
   * After a revert of the run whose file is the last accepted one, the file before it is the last
   * accepted again: an undone truncated file must not become the measure of the next one. Without
   * one before it, the next run compares with none, like the first run.
   */
  public static void restoreBefore(StateFolder store, String revertedRunId) throws IOException {
    Optional<LastAccepted> last = read(store);
    if (last.isEmpty() || !revertedRunId.equals(last.get().runId())) {
      return;
    }
    Optional<LastAccepted> previous =
        StoreJson.read(store.folder(revertedRunId).resolve(PREVIOUS), LastAccepted.class);
    if (previous.isPresent()) {
      previous.get().write(store);
    } else {
      Files.deleteIfExists(store.logs().resolve(FILE));
    }
  }

  private void write(StateFolder store) throws IOException {
    OwnerOnly.createDirectories(store.logs());
    store.writeJson(store.logs().resolve(FILE), this);
  }
}
