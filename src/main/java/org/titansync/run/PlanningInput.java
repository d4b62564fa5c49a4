package org.titansync.run;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.titansync.plan.Planner;
import org.titansync.plan.SitesAndRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanPort;
import org.titansync.plan.UserIndex;
import org.titansync.roster.Roster;

/**
 * Where a run's reads meet: the export (stage read-export), Titan (stage read-titan) and
 * titan-sync's memory of that Titan (stage read-memory), made side by side by the route's
 * multicast, and what stage plan takes. The plan's first half, which needs only the file and
 * Titan's sites and roles ({@link Planner#prepare}), is made by read-export as soon as both are in,
 * while read-titan still reads the users. A read that fails records why here instead of throwing in
 * its branch: stage plan ends the run with the export's failure first (a file that cannot be read
 * is refused, whatever Titan did), then Titan's.
 *
 * <p>Each side is written once, by its own stage; the futures are latches the other side waits on,
 * completed by the reads themselves (no thread is started here).
 */
public final class PlanningInput {
  private final RunInput input;
  private final boolean ahead;
  private final Instant startedAt = Instant.now();
  private final long startedNanos = System.nanoTime();
  private final CompletableFuture<Roster> roster = new CompletableFuture<>();
  private final CompletableFuture<Planner.Prepared> prepared = new CompletableFuture<>();
  private final CompletableFuture<SitesAndRoles> catalog = new CompletableFuture<>();
  private final CompletableFuture<TitanRead> titan = new CompletableFuture<>();
  private final CompletableFuture<MemoryRead> memory = new CompletableFuture<>();
  private volatile double rosterSeconds;

  /**
   * Titan as read for this run.
   *
   * @param users the snapshot's users, indexed page by page as they arrived
   * @param pace how fast Titan's calls went, as its answers announced
   * @param seconds when the read ended, in seconds after the reads started
   */
  public record TitanRead(
      Snapshot snapshot, UserIndex users, TitanPort.Pace pace, double seconds) {}

  /**
   * The reads of {@code input}, starting now.
   *
   * @param ahead made by the one-shot sync before Camel started: the route does not make them again
   */
  public PlanningInput(RunInput input, boolean ahead) {
    this.input = input;
    this.ahead = ahead;
  }

  /** True for the reads the one-shot sync started before Camel started. */
  public boolean isAhead() {
    return ahead;
  }

  /** What the export side reads. */
  public RunInput input() {
    return input;
  }

  /** When the reads started: a run that wrote to Titan after that makes them out of date. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Seconds since the reads started, for the run's log. */
  public double secondsSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  // ---- the export's side (stage read-export) --------------------------------------------------

  public void roster(Roster read) {
    rosterSeconds = secondsSinceStart();
    roster.complete(read);
  }

  /** When the export's read ended, in seconds after the reads started. */
  public double rosterSeconds() {
    return rosterSeconds;
  }

  /** The export could not be read: the run ends with this (refused, or an error). */
  public void exportFailed(Exception why) {
    roster.completeExceptionally(why);
    prepared.completeExceptionally(why);
  }

  /**
   * Waits for Titan's sites and roles; empty when Titan's read failed before they came (the plan
   * then ends the run with that failure).
   */
  public java.util.Optional<SitesAndRoles> awaitSitesAndRoles() throws InterruptedException {
    try {
      return java.util.Optional.of(catalog.get());
    } catch (ExecutionException e) {
      return java.util.Optional.empty();
    }
  }

  /** The plan's first half; null when it could not be made (Titan's read failed first). */
  public void prepared(Planner.Prepared half) {
    prepared.complete(half);
  }

  // ---- Titan's side (stage read-titan) --------------------------------------------------------

  public void sitesAndRoles(SitesAndRoles read) {
    catalog.complete(read);
  }

  public void titan(TitanRead read) {
    titan.complete(read);
  }

  /** Titan could not be read (or reached, or is not configured): the run ends with this. */
  public void titanFailed(Exception why) {
    catalog.completeExceptionally(why);
    titan.completeExceptionally(why);
  }

  // ---- titan-sync's memory of that Titan (stage read-memory) ---------------------------------

  public void memory(MemoryRead read) {
    memory.complete(read);
  }

  // ---- stage plan -----------------------------------------------------------------------------

  /** The export as read; throws what its read failed with. */
  public Roster roster() throws Exception {
    return result(roster);
  }

  /** Titan as read; throws what its read failed with. */
  public TitanRead titan() throws Exception {
    return result(titan);
  }

  /** titan-sync's memory of the run's Titan, once read (never fails: an unreadable one says so). */
  public MemoryRead memory() throws Exception {
    return result(memory);
  }

  /** The plan's first half, once read-export made it; empty when it could not. */
  public java.util.Optional<Planner.Prepared> prepared() throws Exception {
    return java.util.Optional.ofNullable(result(prepared));
  }

  private static <T> T result(CompletableFuture<T> side) throws Exception {
    try {
      return side.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
