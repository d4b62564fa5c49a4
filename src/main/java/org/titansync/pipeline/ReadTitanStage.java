package org.titansync.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.SitesAndRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.UserIndex;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunStopped;

/**
 * Stage read-titan of routes/sync.camel.yaml, one branch of the read multicast (and of the one-shot
 * sync's read ahead): Titan as it is now, read once in pages, its sites and roles first (the plan's
 * first half needs them), then its users, each page indexed as it arrives.
 */
public final class ReadTitanStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadTitanStage.class);

  private final RunSettings settings;
  private final TitanPort titan;

  public ReadTitanStage(RunSettings settings, TitanPort titan) {
    this.settings = settings;
    this.titan = titan;
  }

  /**
   * Stage read-titan. Never throws: a failure (Titan unreachable, its key refused, a config that
   * cannot reach it) is recorded in {@code reads}, and stage plan ends the run with it.
   */
  public void read(PlanningInput reads) {
    try {
      settings.requireTitan();
      SitesAndRoles catalog = titan.readSitesAndRoles();
      reads.sitesAndRoles(catalog);
      UserIndex users = new UserIndex(1024);
      Snapshot snapshot = titan.readUsers(catalog, users::add);
      double seconds = reads.secondsSinceStart();
      PlanningInput.TitanRead read =
          new PlanningInput.TitanRead(snapshot, users, titan.pace(), seconds);
      if (!reads.isAhead()) {
        logRead(read);
      }
      reads.titan(read);
    } catch (RunStopped | TitanFailure | RuntimeException e) {
      reads.titanFailed(e);
    }
  }

  /**
   * The line that says Titan was read. The one-shot sync's read ahead runs before its run has an
   * id, so stage plan says it for those reads, on the run's thread, with the run's id.
   */
  static void logRead(PlanningInput.TitanRead read) {
    LOG.info(
        "read Titan: {} sites, {} roles, {} users ({} s after the reads started)",
        read.snapshot().sites().size(),
        read.snapshot().roles().size(),
        read.snapshot().users().size(),
        RunFailure.seconds(read.seconds()));
  }
}
