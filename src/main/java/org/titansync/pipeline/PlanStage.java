package org.titansync.pipeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteLastHolder;
import org.titansync.plan.Plan;
import org.titansync.plan.Planner;
import org.titansync.plan.TitanPort;
import org.titansync.roster.Roster;
import org.titansync.run.MemoryRead;
import org.titansync.run.Planned;
import org.titansync.run.PlanningInput;
import org.titansync.run.RunContext;
import org.titansync.run.RunInput;
import org.titansync.run.RunPurpose;

/**
 * Stages reads and plan of routes/sync.camel.yaml (route plan-file): where the run's two reads
 * meet, and the plan made from them: the file's people against Titan's snapshot and titan-sync's
 * memory of that Titan (what it owns there, who is missing since when), the holders of each
 * privileged role before and after it (per site too), and what it does to their accounts.
 */
public final class PlanStage {
  private static final Logger LOG = LoggerFactory.getLogger(PlanStage.class);

  private final RunSettings settings;

  public PlanStage(RunSettings settings) {
    this.settings = settings;
  }

  /**
   * Stage reads: where the reads of {@code input} meet. The one-shot sync's, started before Camel
   * started, when it has them and no other run wrote to Titan since they started (it released the
   * run lock since, or died holding it): those would plan what that run already did.
   */
  public PlanningInput reads(RunContext ctx, RunInput input) {
    PlanningInput ahead = ctx.request().readAhead();
    if (ahead != null && input.equals(ahead.input()) && !ctx.otherRunSince(ahead.startedAt())) {
      return ahead;
    }
    return new PlanningInput(input, false);
  }

  /**
   * Stage plan: waits for the reads, then plans. A read that failed ends the run: the export's
   * first (a file that cannot be read is refused, whatever Titan did), then Titan's.
   */
  public Planned plan(RunContext ctx, PlanningInput reads) throws Exception {
    Roster roster = reads.roster();
    if (reads.isAhead()) {
      ReadExportStage.logRead(reads, roster);
    }
    if (roster.noUpdates()) {
      return Planned.nothing(
          roster.notes().isEmpty() ? "no updates" : roster.notes().get(0), new RunPurpose.Sync());
    }
    PlanningInput.TitanRead titan = reads.titan();
    if (reads.isAhead()) {
      ReadTitanStage.logRead(titan);
    }
    Planner.Prepared half =
        reads
            .prepared()
            .orElseGet(
                () ->
                    Planner.prepare(
                        roster,
                        titan.snapshot().sites(),
                        titan.snapshot().roles(),
                        settings.config().planOptions(),
                        IcuConfusables.get()));
    MemoryRead memory = reads.memory();
    if (reads.isAhead()) {
      ReadMemoryStage.logUnreadable(memory);
    }
    Plan plan =
        half.plan(titan.snapshot(), titan.users(), memory.forRun(ctx.runId(), startedAt(ctx)));
    List<RoleHolders> holders = RoleHolders.of(titan.snapshot(), plan, settings.privilegedRoles());
    List<SiteLastHolder> sitesLeft =
        SiteLastHolder.of(titan.snapshot(), plan, settings.privilegedRoles());
    PrivilegedAccounts accounts =
        PrivilegedAccounts.of(
            titan.snapshot(), plan, settings.privilegedRoles(), IcuConfusables.get());
    LOG.info("planned in {} s", RunFailure.seconds(reads.secondsSinceStart() - titan.seconds()));
    if (ctx.request().dryRun() && !plan.changes().isEmpty()) {
      ctx.notes().add(expectedApply(plan.changes().size(), titan.pace()));
    }
    return new Planned(
        plan,
        new Planned.FileFacts(roster.dataRows(), roster.headers(), roster.format()),
        holders,
        accounts,
        sitesLeft,
        memory,
        new RunPurpose.Sync(),
        null);
  }

  /** When the run started: the clock the grace period's days are judged by. */
  static Instant startedAt(RunContext ctx) {
    try {
      return OffsetDateTime.parse(ctx.startedAt()).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }

  /** How long applying this many writes would take at the pace Titan's answers set. */
  private static String expectedApply(int writes, TitanPort.Pace rate) {
    double pace = rate.rate();
    String why =
        rate.announcedRate().isPresent()
            ? String.format(
                Locale.ROOT,
                "the rate Titan announced (%.0f requests a second; titan-sync keeps a little under"
                    + " it)",
                rate.announcedRate().getAsDouble())
            : String.format(
                Locale.ROOT,
                "%.1f requests a second (Titan announced no limit; the pace adapts as it goes)",
                pace);
    if (Double.isInfinite(pace) || pace <= 0) {
      return "Applying these " + writes + " changes is not limited by a rate Titan announced.";
    }
    long seconds = Math.round(Math.ceil(writes / pace));
    return "Applying these "
        + writes
        + " changes would take about "
        + (seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min")
        + " at "
        + why
        + ", one request each.";
  }
}
