package org.titansync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.HeldFiles;
import org.titansync.run.ShownName;
import org.titansync.store.Discard;
import org.titansync.store.PastRun;
import org.titansync.store.StateFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code discard RUN_ID --reason TEXT}: a held run that will not be approved. */
@Command(
    name = "discard",
    mixinStandardHelpOptions = true,
    description = {
      "Sets a held run aside for good: it can no longer be approved and `runs` stops offering it."
          + " The daemon's copy of its file moves from held/ to quarantine/, with the reason beside"
          + " it; who discarded it, when and why are kept in the run's discard.json. Nothing is"
          + " written to Titan."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync discard 20261126-173621-9f3a --reason \"the export was cut; SIS sends it"
          + " again\"",
      "",
      "Exit codes: 0 discarded, 2 unknown run, not held, already approved or discarded, or the"
          + " file could not be moved (the message says which)."
    })
public final class DiscardCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The held run (see `runs`).")
  String runId;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "Why it is discarded; kept beside the file and in the run folder.")
  String reason;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who discards it, kept next to the operating-system user.")
  String by;

  @Option(
      names = "--sandbox",
      description = "A run of the built-in Titan sandbox (no config file needed).")
  boolean sandbox;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config = configOptions.load(sandbox);
    StateFolder store = new StateFolder(config.paths().logs());
    Optional<PastRun> found = ApproveCommand.find(store, runId, err);
    if (found.isEmpty()) {
      return ExitCode.BAD_INPUT;
    }
    PastRun held = found.get();
    Optional<String> why = held.whyNotApprovable();
    if (why.isPresent()) {
      err.println("error: " + why.get().replace("cannot be approved", "cannot be discarded"));
      return ExitCode.BAD_INPUT;
    }
    Discard discard = Discard.now(runId, ApproveCommand.clean(by), ApproveCommand.clean(reason));
    if (!discard.claim(store, held.dir())) {
      err.println("error: run " + runId + " was discarded meanwhile");
      return ExitCode.BAD_INPUT;
    }
    List<Path> moved =
        new HeldFiles(config.paths())
            .discarded(
                runId,
                "titan-sync held this file in run "
                    + runId
                    + "; it was discarded by "
                    + discard.describe()
                    + ".\nIt was not applied and cannot be approved. To sync it after all,"
                    + " move it back into "
                    + config.paths().inbox()
                    + ".\n");
    for (Path p : moved) {
      out.println("moved to " + p.getParent() + "/" + ShownName.of(p));
    }
    out.println(
        "titan-sync: run "
            + runId
            + " discarded by "
            + discard.describe()
            + (moved.isEmpty() ? "" : "; its file is in quarantine/"));
    return ExitCode.OK;
  }
}
