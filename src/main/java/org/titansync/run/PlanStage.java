package org.titansync.run;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.guard.SiteLastHolder;
import org.titansync.plan.Ownership;
import org.titansync.plan.RunMemory;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.roster.RosterException;

/**
 * Stage plan of routes/sync.camel.yaml: the file's people against Titan's snapshot, the holders of
 * each privileged role before and after the plan, and what the plan does to their accounts.
 */
public final class PlanStage {
  private static final Logger LOG = LoggerFactory.getLogger(PlanStage.class);

  private final RunSettings settings;
  private final RunStore store;

  public PlanStage(RunSettings settings, RunStore store) {
    this.settings = settings;
    this.store = store;
  }

  /** Stage plan. */
  public RunContext plan(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(ctx, () -> planFromInputs(ctx));
  }

  /** Plans from the inputs the run read. */
  void planFromInputs(RunContext ctx) throws IOException, TitanFailure, RosterException {
    Inputs inputs = ctx.inputs();
    TitanMemory.Remembered memory = remember(ctx, settings, store);
    ctx.plan(
        inputs.plan(
            new RunMemory(memory.ownership(), memory.missing(), ctx.runId(), startedAt(ctx))));
    ctx.holders(RoleHolders.of(inputs.snapshot(), ctx.plan(), settings.privilegedRoles()));
    ctx.sitesLeft(SiteLastHolder.of(inputs.snapshot(), ctx.plan(), settings.privilegedRoles()));
    ctx.accounts(
        PrivilegedAccounts.of(
            inputs.snapshot(), ctx.plan(), settings.privilegedRoles(), IcuConfusables.get()));
    LOG.info("planned in {} s", Stage.seconds(inputs.secondsSinceStart() - ctx.titanReadSeconds()));
    if (ctx.request().dryRun() && !ctx.plan().changes().isEmpty()) {
      ctx.notes().add(expectedApply(ctx.plan().changes().size(), inputs.rate()));
    }
  }

  /**
   * What titan-sync remembers of the run's Titan. When it cannot be read the run plans as if
   * titan-sync owned nothing there and nobody was missing before, and the guard holds it whole.
   */
  static TitanMemory.Remembered remember(RunContext ctx, RunSettings settings, RunStore store) {
    TitanMemory.Remembered memory;
    try {
      memory = settings.memory(store).read();
    } catch (WindowLedger.Unreadable e) {
      LOG.error("run {}: {}", ctx.runId(), e.getMessage());
      ctx.memoryUnreadable(e.getMessage());
      memory = new TitanMemory.Remembered(Ownership.of(Map.of()), Map.of());
    }
    ctx.remembered(memory);
    return memory;
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
