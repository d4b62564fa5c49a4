package org.titansync.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.titansync.app.InProcessSandbox;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.InboxFolders;
import org.titansync.logging.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the daemon. Watches the inbox and syncs each complete export, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs as a daemon: watches the inbox and syncs each complete export, one at a time,"
          + " oldest first, through the same pipeline as `sync`. Synced files go to archive/,"
          + " refused ones to quarantine/ (with a .reason.txt), held ones to held/.",
      "Serves /observe/health and /observe/metrics (127.0.0.1:9876 unless configured)."
          + " Stops on SIGTERM or Ctrl-C, letting a run in flight finish."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync run --config /etc/titan-sync/config.toml",
      "  titan-sync run --sandbox",
      "",
      "See docs/operations.md (The daemon)."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--sandbox",
      description =
          "Run against the built-in Titan sandbox (seeded from samples/, state kept in"
              + " logs/sandbox-state.json); no config file needed.")
  boolean sandbox;

  @Option(
      names = "--stop-after",
      paramLabel = "SECONDS",
      description = "Stop by itself after this many seconds (for trials and tests).")
  long stopAfterSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config;
    try {
      config = configOptions.load(sandbox);
      if (!sandbox) {
        // Fail now, not on every file: a daemon without a key would refuse each export.
        config.requireApiSettings();
      }
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    LogFormat.apply(config.logging());
    try {
      new InboxFolders(config.paths(), config.daemon().doneSuffix()).create();
    } catch (java.io.IOException e) {
      err.println("error: cannot make the daemon's folders: " + e);
      return ExitCode.BAD_INPUT;
    }

    InProcessSandbox box = null;
    if (sandbox) {
      try {
        // Serves until stopped: a command with --sandbox beside it sends its requests here.
        box =
            InProcessSandbox.start(
                config,
                true,
                holder -> {
                  err.println("sandbox: waiting for " + holder);
                  err.flush();
                });
      } catch (InProcessSandbox.Busy e) {
        err.println("error: " + e.getMessage());
        return ExitCode.BUSY;
      }
      config = box.pointAt(config);
    }
    TitanSyncApp app;
    try {
      app = TitanSyncApp.daemon(config, stopAfterSeconds);
    } catch (ConfigException e) {
      // The health port is taken, say: one line, no stack trace.
      if (box != null) {
        box.close();
      }
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (Exception e) {
      if (box != null) {
        box.close();
      }
      throw e;
    }
    if (box != null) {
      // The sandbox outlives the daemon's last write; it saves its state once Camel has stopped.
      app.closeWhenStopped(box);
    }
    SyncConfig watched = config;
    InProcessSandbox sandboxInUse = box;
    try {
      // Camel Main runs the daemon until SIGTERM or Ctrl-C (its shutdown hook stops it gracefully:
      // a run in flight finishes first) or until --stop-after.
      app.run(
          () -> {
            if (sandboxInUse != null) {
              // Said once the daemon is up: a start refused (a taken health port) says only why.
              err.println(sandboxInUse.describe());
              err.flush();
            }
            out.println(
                "titan-sync daemon: watching "
                    + watched.paths().inbox()
                    + "; health at "
                    + app.managementUrl()
                    + "/observe/health");
            out.flush();
          });
    } finally {
      app.close();
    }
    return ExitCode.OK;
  }
}
