package org.titansync.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.titansync.config.ConfigException;
import org.titansync.logging.TerminalWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; every sub-command is registered here. */
@Command(
    name = "titan-sync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Keeps Titan HST users, sites and roles in step with the district's SIS staff export.",
    footer = {
      "",
      "Exit codes (the same for every command):",
      "  0  done, or nothing to do (also a dry run)",
      "  1  unexpected error",
      "  2  bad input or config (the message names the file, line and field)",
      "  3  held by a guardrail (nothing held was written), or an approval refused",
      "  4  some changes failed; the others were applied",
      "  5  Titan unreachable, or the API key refused",
      "  6  another run holds the lock (logs/run.lock)",
      "See docs/cli.md for each command."
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

  /** Every sub-command, in the order the usage lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("sync", SyncCommand::new);
    all.put("run", RunCommand::new);
    all.put("approve", ApproveCommand::new);
    all.put("discard", DiscardCommand::new);
    all.put("revert", RevertCommand::new);
    all.put("runs", RunsCommand::new);
    all.put("validate", ValidateCommand::new);
    all.put("sandbox", SandboxCommand::new);
    all.put("doctor", DoctorCommand::new);
    all.put("explain", ExplainCommand::new);
    all.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(all);
  }

  /** The whole command line: every sub-command registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TitanSyncCommand());
    SUBCOMMANDS.values().forEach(sub -> cl.addSubcommand(sub.get()));
    return cl;
  }

  /**
   * The command line for these arguments: when they start with a sub-command's name, only that
   * sub-command is registered, since building the model of all of them is a tenth of a second of
   * every start; otherwise (usage, help, a mistyped name) all of them.
   */
  static CommandLine commandLineFor(String... args) {
    if (args.length == 0 || "help".equals(args[0]) || !SUBCOMMANDS.containsKey(args[0])) {
      return commandLine();
    }
    CommandLine cl = new CommandLine(new TitanSyncCommand());
    cl.addSubcommand(SUBCOMMANDS.get(args[0]).get());
    return cl;
  }

  /**
   * Runs the command line printing to {@code out} and {@code err} through {@link TerminalWriter},
   * so that nothing a command or picocli prints can drive the terminal (docs/security.md).
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLineFor(args);
    PrintWriter shownOut = TerminalWriter.around(out);
    PrintWriter shownErr = TerminalWriter.around(err);
    cl.setOut(shownOut);
    cl.setErr(shownErr);
    // Usage help in colour is escape sequences the writer would show as text: plain it is.
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
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
    try {
      return cl.execute(args);
    } finally {
      shownOut.flush();
      shownErr.flush();
    }
  }
}
