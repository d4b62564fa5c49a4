package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RosterReader;
import org.titansync.roster.RowError;
import org.titansync.run.ExitCode;
import org.titansync.run.ExportFile;
import org.titansync.run.ShownName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate FILE}: the file checks alone, with no call to Titan. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks FILE without calling Titan: encoding, header, required columns, every row.",
      "Sites and roles are checked against Titan only by sync (use sync --dry-run)."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync validate samples/staff.csv",
      "  titan-sync validate export.csv --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 every row is good, 2 the file is refused or has bad rows."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "FILE", description = "The SIS staff export (CSV).")
  Path file;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config = configOptions.load(true);
    // The name as given, on one line: a line break in it would start a line of its own.
    String shown = ShownName.escape(file.toString());
    Roster roster;
    try {
      roster = new RosterReader(config.rosterOptions()).read(ExportFile.of(file));
    } catch (RosterException e) {
      err.println("error: " + ShownName.escape(e.getMessage()));
      out.println("titan-sync: " + shown + " refused");
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      err.println("error: " + shown + ": " + ShownName.escape(String.valueOf(e.getMessage())));
      return ExitCode.BAD_INPUT;
    }
    for (RowError e : roster.errors()) {
      out.println(
          shown
              + ":"
              + e.line()
              + (e.field() == null ? "" : " [" + e.field() + "]")
              + ": "
              + e.message());
    }
    out.println(
        "titan-sync: "
            + shown
            + ": "
            + roster.dataRows()
            + " rows, "
            + roster.persons().size()
            + " people, "
            + roster.errors().size()
            + " bad rows");
    return roster.errors().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
