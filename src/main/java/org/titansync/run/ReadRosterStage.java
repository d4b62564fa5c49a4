package org.titansync.run;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.TitanPort;
import org.titansync.roster.ExportFormat;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;

/**
 * Stage read-roster of routes/sync.camel.yaml (purpose sync): keeps a copy of the export in the run
 * folder ({@link InputCopies}) and reads it, beside Titan's read (see {@link Inputs}).
 */
public final class ReadRosterStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadRosterStage.class);

  private final RunSettings settings;
  private final TitanPort client;
  private final RunStore store;

  public ReadRosterStage(RunSettings settings, TitanPort client, RunStore store) {
    this.settings = settings;
    this.client = client;
    this.store = store;
  }

  /** Stage read-roster. */
  public RunContext readRoster(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          ctx.plansFrom(ctx.request().purpose());
          read(ctx, new RunInput.Export(ctx.request().export()));
        });
  }

  /**
   * Reads the export (and starts Titan's read again when another run wrote since). False when the
   * run stopped (the context says why), or when the export changes nothing.
   */
  boolean read(RunContext ctx, RunInput input) throws IOException, RosterException {
    InputCopies.keepOriginal(
        input, ctx.runDir(), settings.config().rosterOptions().maxFileBytes(), ctx.notes());
    Inputs inputs = ctx.request().inputs();
    if (inputs == null || ctx.otherRunSince(inputs.startedAt())) {
      // Titan read before another run's writes would plan what that run already did: read again.
      inputs = Inputs.start(input, settings.config(), client);
    }
    ctx.inputs(inputs);
    Roster roster = inputs.roster();
    Path file = input.path();
    if (roster.format().kind() != ExportFormat.Kind.CSV) {
      InputCopies.keepNormalized(roster, input, store, ctx.runDir());
      ctx.notes().addAll(roster.notes());
    }
    if (roster.noUpdates()) {
      LOG.info("read {}: {}", file.getFileName(), roster.notes());
      ctx.noUpdates(roster.notes().isEmpty() ? "no updates" : roster.notes().get(0));
      return false;
    }
    LOG.info(
        "read {} ({}): {} rows, {} people ({} s after the reads started)",
        ShownName.of(file),
        roster.format().describe(),
        roster.dataRows(),
        roster.persons().size(),
        Stage.seconds(inputs.secondsSinceStart()));
    ctx.input(roster.dataRows(), roster.headers(), roster.format());
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
    return settings.apiSettingsPresent(ctx);
  }
}
