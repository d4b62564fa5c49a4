package org.titansync.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.app.OneRun;
import org.titansync.config.SyncConfig;
import org.titansync.run.SyncRequest;
import org.titansync.store.PastRun;
import org.titansync.store.StateFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code revert RUN_ID}: undo an applied run from its audit lines. */
@Command(
    name = "revert",
    mixinStandardHelpOptions = true,
    description = {
      "Undoes a run from its lines in logs/audit.jsonl: removed memberships and roles come back,"
          + " changed names, emails, external_ids and status go back, memberships it added go."
          + " Anything Titan has changed since is left alone, and the report says so.",
      "People the run created are kept unless --delete-created is given. The undo is itself a"
          + " run: planned, reported, checked by the guardrails (approve it when held)."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync revert 20261126-173621-9f3a --dry-run",
      "  titan-sync revert 20261126-173621-9f3a",
      "",
      "Exit codes: 0 done, 2 unknown run, or the run wrote to another Titan (with or without"
          + " --sandbox; the right command is printed), 3 held by a guardrail, 4 some changes"
          + " failed, 5 Titan unreachable, 6 another run holds the lock."
    })
public final class RevertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to undo (see `runs`).")
  String runId;

  @Option(names = "--dry-run", description = "Plan and report the undo only; write nothing.")
  boolean dryRun;

  @Option(
      names = "--delete-created",
      description =
          "Also take back the people the run created: their memberships are removed and their"
              + " accounts set inactive (Titan's API cannot delete a user).")
  boolean deleteCreated;

  @Option(names = "--sandbox", description = "Run against the built-in Titan sandbox.")
  boolean sandbox;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config = configOptions.load(sandbox);
    StateFolder store = StateFolder.of(config.paths());
    Optional<PastRun> found = ApproveCommand.find(store, runId, err);
    if (found.isEmpty()) {
      return ExitCode.BAD_INPUT;
    }
    if (found.get().status() == null) {
      // A run killed mid-way never writes result.json; its audit lines say what it did.
      err.println(
          "note: run "
              + runId
              + " has no result.json (it was stopped before it ended); reverting what the audit"
              + " log shows it did");
    }
    java.nio.file.Path audit = store.audit().file();
    return OneRun.execute(
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        config,
        sandbox,
        (run, client) -> SyncRequest.revert(runId, audit, dryRun, deleteCreated));
  }
}
