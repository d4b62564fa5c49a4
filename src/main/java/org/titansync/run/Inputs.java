package org.titansync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.titansync.config.SyncConfig;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanOptions;
import org.titansync.plan.Planner;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UserIndex;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;

/**
 * The two reads a run starts with, made side by side: the export from disk and Titan's snapshot
 * over the network; and the plan's first half as soon as the file and Titan's sites and roles are
 * in, while Titan's users are still being read (each page indexed as it arrives). The one-shot
 * command starts them before anything else, so that its start-up overlaps the reads; the daemon
 * starts them when a file arrives.
 */
public final class Inputs {
  private final CompletableFuture<Roster> roster;
  private final CompletableFuture<Snapshot> snapshot;
  private final CompletableFuture<Planner.Prepared> prepared;
  private final UserIndex users;
  private final long startedNanos;
  private final java.time.Instant startedAt;
  private final TitanPort.Pace rate;

  private Inputs(
      CompletableFuture<Roster> roster,
      CompletableFuture<Snapshot> snapshot,
      CompletableFuture<Planner.Prepared> prepared,
      UserIndex users,
      long startedNanos,
      java.time.Instant startedAt,
      TitanPort.Pace rate) {
    this.rate = rate;
    this.roster = roster;
    this.snapshot = snapshot;
    this.prepared = prepared;
    this.users = users;
    this.startedNanos = startedNanos;
    this.startedAt = startedAt;
  }

  /** When the reads started: a run that wrote to Titan after that makes them out of date. */
  public java.time.Instant startedAt() {
    return startedAt;
  }

  /** The pace of the Titan that was read: what its answers announced. */
  public TitanPort.Pace rate() {
    return rate;
  }

  /** Seconds since the reads started, for the run's log. */
  public double secondsSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Starts both reads with this config's CSV and planner settings. Titan is read only when the
   * config can reach it (a config without base_url or api_key cannot).
   */
  public static Inputs start(Path file, SyncConfig config, TitanPort client) {
    return start(RunInput.Export.of(file), config, client);
  }

  /** Starts both reads, the roster from {@code input}. */
  static Inputs start(RunInput input, SyncConfig config, TitanPort client) {
    long started = System.nanoTime();
    java.time.Instant startedAt = java.time.Instant.now();
    PlanOptions planOptions = config.planOptions();
    CompletableFuture<Roster> roster =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return input.read(config);
              } catch (RosterException e) {
                throw new CompletionException(e);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    CompletableFuture<Catalog> catalog = new CompletableFuture<>();
    UserIndex users = new UserIndex(1024);
    CompletableFuture<Snapshot> snapshot;
    if (config.missingForApi().isEmpty()) {
      TitanPort.SnapshotListener listener =
          new TitanPort.SnapshotListener() {
            @Override
            public void catalog(List<TitanSite> sites, List<TitanRole> roles) {
              catalog.complete(new Catalog(sites, roles));
            }

            @Override
            public void user(TitanUser user) {
              users.add(user);
            }
          };
      snapshot =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return client.readSnapshot(listener);
                } catch (TitanFailure e) {
                  throw new CompletionException(e);
                }
              });
    } else {
      snapshot =
          CompletableFuture.failedFuture(new IllegalStateException("Titan is not configured"));
    }
    // A Titan read that fails before the sites and roles are in fails the plan's first half too.
    CompletableFuture<Snapshot> unused =
        snapshot.whenComplete(
            (s, failure) -> {
              if (failure != null) {
                catalog.completeExceptionally(failure);
              }
            });
    // On its own thread: neither read waits for it.
    CompletableFuture<Planner.Prepared> prepared =
        roster.thenCombineAsync(
            catalog,
            (r, c) -> Planner.prepare(r, c.sites(), c.roles(), planOptions, IcuConfusables.get()));
    return new Inputs(roster, snapshot, prepared, users, started, startedAt, client.pace());
  }

  private record Catalog(List<TitanSite> sites, List<TitanRole> roles) {}

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

  public Snapshot snapshot() throws TitanFailure {
    try {
      return snapshot.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof TitanFailure t) {
        throw t;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TitanFailure(TitanFailure.Handling.UNREACHABLE, "interrupted", e);
    }
  }

  /**
   * The plan of this file against this snapshot: the same plan {@link Planner#plan} makes, its
   * first half already done while the users were being read. Once per run, after {@link #roster}
   * and {@link #snapshot} returned.
   */
  public Plan plan() throws RosterException, IOException, TitanFailure {
    Snapshot titan = snapshot();
    roster();
    try {
      return prepared.get().plan(titan, users);
    } catch (ExecutionException e) {
      throw new IllegalStateException("planning failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
