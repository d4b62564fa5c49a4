package org.titansync.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.titansync.guard.WindowEntry;

/**
 * {@code logs/guard-window.json}: what each run that wrote to Titan changed, as the guardrails
 * count it, so that the window ({@code guardrails.window_hours}) adds runs up across restarts of
 * the daemon. Rewritten whole and moved in place on every run, so a crash leaves the old or the new
 * ledger, never half of one. Independent of the audit log: it holds counts, no personal data.
 */
public final class WindowLedger {
  /** The file's name under logs/. */
  public static final String FILE = "guard-window.json";

  /** Entries older than the longest window allowed (720 h) are dropped when it is rewritten. */
  private static final long KEEP_SECONDS = 720L * 3600;

  private final RunStore store;

  public WindowLedger(RunStore store) {
    this.store = store;
  }

  public Path file() {
    return store.logs().resolve(FILE);
  }

  /** Every entry kept, oldest first; none when the file does not exist yet. */
  public List<WindowEntry> read() throws IOException {
    Path f = file();
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    // Unknown fields are skipped: a ledger written by a newer version still reads.
    return store
        .json()
        .readerFor(new TypeReference<List<WindowEntry>>() {})
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(f.toFile());
  }

  /** The entries of runs that wrote to the Titan at {@code baseUrl}, oldest first. */
  public List<WindowEntry> read(String baseUrl) throws IOException {
    return read().stream().filter(e -> e.wroteTo(baseUrl)).toList();
  }

  /** Adds one run and drops the entries no window can reach any more. */
  public synchronized void add(WindowEntry entry) throws IOException {
    List<WindowEntry> kept = new ArrayList<>();
    for (WindowEntry e : read()) {
      if (e.finishedAt() > entry.finishedAt() - KEEP_SECONDS && !e.runId().equals(entry.runId())) {
        kept.add(e);
      }
    }
    kept.add(entry);
    Files.createDirectories(store.logs());
    store.writeJson(file(), kept);
  }
}
