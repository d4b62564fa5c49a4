package org.titansync.pipeline;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.Planner;
import org.titansync.plan.SitesAndRoles;
import org.titansync.roster.ExportFormat;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunContext;
import org.titansync.run.RunInput;
import org.titansync.run.ShownName;
import org.titansync.store.InputCopies;
import org.titansync.store.StateFolder;

/**
 * Stages keep-export, read-export and keep-read of routes/sync.camel.yaml: the export's copy in the
 * run folder (what approve and explain read later), the export read into a roster beside Titan's
 * read, and its people resolved against Titan's sites and roles as soon as those are in (the plan's
 * first half, {@link Planner#prepare}); a OneRoster or SDS export's normalized copy once read.
 */
public final class ReadExportStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadExportStage.class);

  private final RunSettings settings;
  private final StateFolder store;

  public ReadExportStage(RunSettings settings, StateFolder store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage keep-export: the export as given, copied into the run folder before it is read. */
  public RunInput keepOriginal(RunContext ctx, RunInput input) throws IOException, RosterException {
    InputCopies.keepOriginal(
        input, ctx.runDir(), settings.config().rosterOptions().maxFileBytes(), ctx.notes());
    return input;
  }

  /**
   * Stage read-export, one branch of the read multicast (and of the one-shot sync's read ahead):
   * the roster, then the plan's first half once Titan's sites and roles are in. Never throws: a
   * failure is recorded in {@code reads}, and stage plan ends the run with it.
   */
  public void read(PlanningInput reads) {
    Roster roster;
    try {
      roster = reads.input().read(settings.config());
    } catch (RosterException | IOException | RuntimeException e) {
      reads.exportFailed(e);
      return;
    }
    reads.roster(roster);
    if (!reads.isAhead()) {
      logRead(reads, roster);
    }
    if (roster.noUpdates()) {
      reads.prepared(null);
      return;
    }
    try {
      Optional<SitesAndRoles> titan = reads.awaitSitesAndRoles();
      reads.prepared(
          titan.isEmpty()
              ? null
              : Planner.prepare(
                  roster,
                  titan.get().sites(),
                  titan.get().roles(),
                  settings.config().planOptions(),
                  IcuConfusables.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reads.prepared(null);
    } catch (RuntimeException e) {
      reads.exportFailed(e);
    }
  }

  /**
   * The line that says the export was read. The one-shot sync's read ahead runs before its run has
   * an id, so stage plan says it for those reads, on the run's thread, with the run's id.
   */
  static void logRead(PlanningInput reads, Roster roster) {
    LOG.info(
        "read {} ({}): {} rows, {} people ({} s after the reads started)",
        ShownName.of(reads.input().path()),
        roster.format().describe(),
        roster.dataRows(),
        roster.persons().size(),
        RunFailure.seconds(reads.rosterSeconds()));
  }

  /**
   * Stage keep-read: once a OneRoster or SDS export is read, its staff rows as the six columns in
   * the run folder (with input.json saying how they were read) and what the read noted. Ends the
   * run when the export could not be read.
   */
  public PlanningInput keepRead(RunContext ctx, PlanningInput reads) throws Exception {
    Roster roster = reads.roster();
    if (roster.format().kind() != ExportFormat.Kind.CSV) {
      InputCopies.keepNormalized(roster, reads.input(), store, ctx.runDir());
      ctx.notes().addAll(roster.notes());
    }
    if (roster.noUpdates()) {
      LOG.info("read {}: {}", reads.input().path().getFileName(), roster.notes());
    }
    if (settings.config().csv().fallback() != null && !roster.encoding().isEmpty()) {
      ctx.notes()
          .add(
              "Read as "
                  + roster.encoding()
                  + " ([csv] encoding = \"auto\")"
                  + (roster.encoding().equals("UTF-8")
                      ? ": the file is valid UTF-8."
                      : ": the file is not valid UTF-8, so it was read with fallback_encoding."));
    }
    return reads;
  }
}
