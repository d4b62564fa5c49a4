package org.titansync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.titansync.config.SyncConfig;
import org.titansync.plan.Snapshot;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterOptions;
import org.titansync.roster.RosterReader;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * The two reads a run starts with, made side by side: the export from disk and Titan's snapshot
 * over the network. The one-shot command starts them before Camel has started, so that the start-up
 * overlaps the reads; the daemon starts them when a file arrives.
 */
public final class Inputs {
  private final CompletableFuture<Roster> roster;
  private final CompletableFuture<Snapshot> snapshot;
  private final long startedNanos;

  private Inputs(
      CompletableFuture<Roster> roster, CompletableFuture<Snapshot> snapshot, long startedNanos) {
    this.roster = roster;
    this.snapshot = snapshot;
    this.startedNanos = startedNanos;
  }

  /** Seconds since the reads started, for the run's log. */
  public double secondsSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Starts both reads with this config's CSV settings (Titan only when the config can reach it).
   */
  public static Inputs start(Path file, SyncConfig config, TitanClient client) {
    return start(file, config.rosterOptions(), client, config.missingForApi().isEmpty());
  }

  /**
   * Starts both reads. The snapshot is read only when {@code readTitan} is true (a config without
   * base_url or api_key cannot).
   */
  public static Inputs start(
      Path file, RosterOptions options, TitanClient client, boolean readTitan) {
    long started = System.nanoTime();
    CompletableFuture<Roster> roster =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new RosterReader(options).read(file);
              } catch (RosterException e) {
                throw new CompletionException(e);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    CompletableFuture<Snapshot> snapshot =
        readTitan
            ? CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return client.readSnapshot();
                  } catch (TitanException e) {
                    throw new CompletionException(e);
                  }
                })
            : CompletableFuture.failedFuture(new IllegalStateException("Titan is not configured"));
    return new Inputs(roster, snapshot, started);
  }

  public Roster roster() throws RosterException, IOException {
    try {
      return roster.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RosterException r) {
        throw r;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public Snapshot snapshot() throws TitanException {
    try {
      return snapshot.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof TitanException t) {
        throw t;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanException(TitanException.Kind.UNREACHABLE, "interrupted", e);
    }
  }
}
