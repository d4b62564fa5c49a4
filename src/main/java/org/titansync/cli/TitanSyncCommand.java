package org.titansync.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.titansync.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; every sub-command is registered here. */
@Command(
    name = "titan-sync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Keeps Titan HST users, sites and roles in step with the district's SIS staff export.",
    subcommands = {
      SyncCommand.class,
      RunCommand.class,
      ApproveCommand.class,
      RevertCommand.class,
      RunsCommand.class,
      ValidateCommand.class,
      SandboxCommand.class,
      DoctorCommand.class,
      ExplainCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 unexpected error, 2 bad input or config, 3 held by a guardrail,",
      "4 some changes failed, 5 Titan unreachable or key refused. See docs/cli.md."
    })
public final class TitanSyncCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns the exit code; used by main() and by tests. */
  public static int execute(String... args) {
    return execute(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        args);
  }

  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new TitanSyncCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof ConfigException) {
            // Every command that reads the config ends here on a config error: exit 2.
            commandLine.getErr().println("error: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
          }
          commandLine
              .getErr()
              .println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          return ExitCode.ERROR;
        });
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.BAD_INPUT;
        });
    return cl.execute(args);
  }
}
