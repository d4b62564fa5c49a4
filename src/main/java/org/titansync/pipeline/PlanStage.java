package org.titansync.pipeline;

import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.guard.PrivilegedAccounts;
import org.titansync.guard.RoleHolders;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.roster.RosterException;
import org.titansync.run.IcuConfusables;
import org.titansync.run.Inputs;
import org.titansync.run.RunContext;

/**
 * Stage plan of routes/sync.camel.yaml: the file's people against Titan's snapshot, the holders of
 * each privileged role before and after the plan, and what the plan does to their accounts.
 */
public final class PlanStage {
  private static final Logger LOG = LoggerFactory.getLogger(PlanStage.class);

  private final RunSettings settings;

  public PlanStage(RunSettings settings) {
    this.settings = settings;
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
    ctx.plan(inputs.plan());
    ctx.holders(RoleHolders.of(inputs.snapshot(), ctx.plan(), settings.privilegedRoles()));
    ctx.accounts(
        PrivilegedAccounts.of(
            inputs.snapshot(), ctx.plan(), settings.privilegedRoles(), IcuConfusables.get()));
    LOG.info("planned in {} s", Stage.seconds(inputs.secondsSinceStart() - ctx.titanReadSeconds()));
    if (ctx.request().dryRun() && !ctx.plan().changes().isEmpty()) {
      ctx.notes().add(expectedApply(ctx.plan().changes().size(), inputs.rate()));
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
