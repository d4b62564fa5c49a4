package org.titansync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.roster.ExportFormat;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.roster.RowError;
import org.titansync.run.RunInput;
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
      "FILE is the six-column CSV, or a OneRoster or SDS export: its zip, or the folder that",
      "holds its files. Sites and roles are checked against Titan only by sync (use sync",
      "--dry-run)."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync validate samples/staff.csv",
      "  titan-sync validate export.csv --config /etc/titan-sync/config.toml",
      "  titan-sync validate oneroster-export.zip",
      "",
      "Exit codes: 0 every row is good, 2 the file is refused or has bad rows."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The SIS staff export: a CSV, or a OneRoster or SDS zip or folder.")
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
      roster = RunInput.Export.of(file).read(config);
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
          ShownName.escape(e.position(file.toString()))
              + (e.field() == null ? "" : " [" + e.field() + "]")
              + ": "
              + e.message());
    }
    for (String note : roster.notes()) {
      out.println("note: " + note);
    }
    if (roster.noUpdates()) {
      out.println(
          "titan-sync: "
              + file
              + ": "
              + roster.format().describe()
              + ": no updates (a sync of it changes nothing)");
      return ExitCode.OK;
    }
    boolean csv = roster.format().kind() == ExportFormat.Kind.CSV;
    out.println(
        "titan-sync: "
            + shown
            + ": "
            + (csv ? "" : roster.format().describe() + ": ")
            + roster.dataRows()
            + (csv ? " rows, " : " staff rows, ")
            + roster.persons().size()
            + " people, "
            + roster.errors().size()
            + " bad rows");
    return roster.errors().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
  }
}
