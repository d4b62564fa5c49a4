package org.titansync.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.titansync.app.OneRun;
import org.titansync.config.SyncConfig;
import org.titansync.pipeline.ReadAhead;
import org.titansync.run.ShownName;
import org.titansync.run.SyncRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sync FILE}: one run, the same routes as the daemon. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Reads FILE, reads Titan once, plans, checks the guardrails and applies the plan.",
      "FILE is the six-column CSV, or a OneRoster or SDS export: its zip, or its folder.",
      "Every run leaves logs/runs/<run-id>/ with input.csv, plan.json, result.json,"
          + " report.txt and report.html."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync sync samples/staff.csv --sandbox --dry-run",
      "  titan-sync sync /srv/sis/staff.csv --config /etc/titan-sync/config.toml",
      "  titan-sync sync /srv/sis/oneroster-export.zip --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 done, 1 error, 2 bad input or config (or a logs folder that cannot take the"
          + " run, or with --fail-on-row-errors a file with refused rows), 3 held, 4 some changes failed, 5 Titan unreachable, 6 another run holds the"
          + " lock."
    })
public final class SyncCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The SIS staff export: a CSV, or a OneRoster or SDS zip or folder.")
  Path file;

  @Option(names = "--dry-run", description = "Plan and report only; write nothing to Titan.")
  boolean dryRun;

  @Option(
      names = "--sandbox",
      description =
          "Run against the built-in Titan sandbox (seeded from samples/, state kept in"
              + " logs/sandbox-state.json); no config file needed.")
  boolean sandbox;

  @Option(
      names = "--fail-on-row-errors",
      description =
          "Exit 2 when the file had refused rows, once the rest is applied (also [sync]"
              + " fail_on_row_errors = true), for jobs that must fail loudly.")
  boolean failOnRowErrors;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config = configOptions.load(sandbox);
    // A file, a package's folder, or a link (which the read refuses by its own name); never a
    // FIFO or a device, whose opening could block.
    if (!Files.isRegularFile(file)
        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(file)) {
      err.println("error: " + ShownName.escape(file.toString()) + ": file not found");
      return ExitCode.BAD_INPUT;
    }
    Path input = file.toAbsolutePath();
    // Reading the file and Titan starts first, before logging and Camel start, so that their
    // start-up overlaps the reads.
    return OneRun.execute(
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        config,
        sandbox,
        (run, client) -> {
          SyncRequest request =
              SyncRequest.sync(input, dryRun || run.sync().dryRun(), SyncRequest.Trigger.CLI);
          return request.withReadAhead(ReadAhead.start(run, client, request.input()));
        },
        summary -> {
          int exit = summary.status().exitCode();
          int refused = summary.plan() == null ? 0 : summary.plan().errors().size();
          if (exit == ExitCode.OK
              && refused > 0
              && (failOnRowErrors || config.sync().failOnRowErrors())) {
            err.println(
                "error: "
                    + (refused == 1 ? "1 row was" : refused + " rows were")
                    + " refused (--fail-on-row-errors): exit 2; the rest of the file was "
                    + (summary.dryRun() ? "planned" : "applied"));
            return ExitCode.BAD_INPUT;
          }
          return exit;
        });
  }
}
