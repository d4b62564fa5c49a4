package org.titansync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.config.SyncConfig;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Tally;
import org.titansync.guard.Window;
import org.titansync.guard.WindowEntry;
import org.titansync.pipeline.TitanCheck;
import org.titansync.run.KindCount;
import org.titansync.run.RunPurpose;
import org.titansync.store.PastRun;
import org.titansync.store.StateFolder;
import org.titansync.store.WindowLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runs}: recent runs, newest first, with the command to approve or revert each. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "Lists recent runs from logs/runs/, newest first: what each was for, how it ended, its"
          + " changes, and the command to approve it (held) or undo it (wrote something)."
    },
    footer = {"", "Examples:", "  titan-sync runs", "  titan-sync runs --limit 5"})
public final class RunsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--sandbox",
      description =
          "The runs of the built-in Titan sandbox (as `sync --sandbox` keeps them); no config"
              + " file needed.")
  boolean sandbox;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many runs to list (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Only runs started on or after this day (YYYY-MM-DD, in the machine's time zone).")
  java.time.LocalDate since;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // Without a config file, list the logs/ folder of the current directory (sandbox runs).
    SyncConfig config = configOptions.load(true);
    StateFolder store = StateFolder.of(config.paths());
    List<String> ids = store.runIds();
    if (since != null) {
      ids = startedSince(store, ids, since);
    }
    if (ids.isEmpty()) {
      out.println("No runs under " + store.runsDir());
      return ExitCode.OK;
    }
    // The commands offered carry this setup's --config and --sandbox, so that they work pasted.
    String titan = TitanCheck.of(config, sandbox);
    java.util.function.UnaryOperator<String> command =
        what -> TitanCheck.command(what, titan, config.source());
    out.printf("%-21s %-25s %-8s %-14s %s%n", "RUN", "STARTED", "KIND", "STATUS", "CHANGES");
    for (String id : ids.subList(0, Math.min(Math.max(limit, 0), ids.size()))) {
      Optional<PastRun> found = PastRun.load(store, id);
      if (found.isEmpty()) {
        continue;
      }
      PastRun run = found.get();
      out.printf(
          "%-21s %-25s %-8s %-14s %s%n",
          id,
          run.startedAt() == null ? "" : org.titansync.run.ShownTime.of(run.startedAt()),
          kind(run),
          run.status() == null ? "unfinished" : run.status().replace('_', '-'),
          changes(run));
      String next = next(run, command);
      if (!next.isEmpty()) {
        out.println("    " + next);
      }
    }
    if (ids.size() > limit) {
      out.println("(" + (ids.size() - limit) + " older runs not shown; --limit N shows more)");
    }
    // The built-in sandbox listens on a new port each time: its runs are named as the sandbox.
    printWindow(out, config, store, titan);
    out.flush();
    return ExitCode.OK;
  }

  /** The runs that started on or after the day's start in this machine's time zone. */
  private static List<String> startedSince(
      StateFolder store, List<String> ids, java.time.LocalDate day) throws java.io.IOException {
    java.time.Instant from = day.atStartOfDay(java.time.ZoneId.systemDefault()).toInstant();
    List<String> kept = new ArrayList<>();
    for (String id : ids) {
      Optional<PastRun> run = PastRun.load(store, id);
      if (run.isPresent() && run.get().startedAt() != null) {
        try {
          if (!java.time.OffsetDateTime.parse(run.get().startedAt()).toInstant().isBefore(from)) {
            kept.add(id);
          }
        } catch (java.time.DateTimeException e) {
          kept.add(id); // a start we cannot read is shown rather than hidden
        }
      }
    }
    return kept;
  }

  /**
   * What the guardrails' window holds now: the changes of the runs that wrote to Titan in the last
   * window_hours, with the part approvals and the first load covered.
   */
  private static void printWindow(
      PrintWriter out, SyncConfig config, StateFolder store, String titan)
      throws java.io.IOException {
    int hours = config.guardrails().windowHours();
    List<WindowEntry> all;
    try {
      // Read only: a run that holds the run lock keeps what the audit log tells.
      all =
          new WindowLedger(store, new PrivilegedRoles(config.guardrails().privilegedRoles()))
              .entries(store.audit(), false).stream().filter(e -> e.wroteTo(titan)).toList();
    } catch (WindowLedger.Unreadable e) {
      out.println();
      out.println("Window (guardrails.window_hours): unknown. " + e.getMessage() + ".");
      return;
    }
    Window w = Window.of(hours, all, java.time.Instant.now().getEpochSecond());
    Tally approved = Tally.ZERO;
    Tally firstLoad = Tally.ZERO;
    for (WindowEntry e : w.entries()) {
      if ("approved".equals(e.excused())) {
        approved = approved.plus(e.tally());
      } else if (e.covered()) {
        firstLoad = firstLoad.plus(e.tally());
      }
    }
    Tally total = w.counted().plus(w.excused());
    out.println();
    out.println(
        "Window (last "
            + hours
            + " h, guardrails.window_hours): "
            + w.entries().size()
            + (w.entries().size() == 1 ? " run" : " runs")
            + " wrote to Titan");
    out.println(
        "    "
            + String.join(
                ", ",
                windowPart("removals", total.removals(), approved.removals(), firstLoad.removals()),
                windowPart("updates", total.updates(), approved.updates(), firstLoad.updates()),
                windowPart(
                    "email domain moves",
                    total.domainMoves(),
                    approved.domainMoves(),
                    firstLoad.domainMoves()),
                windowPart(
                    "privileged changes",
                    total.privilegedChanges(),
                    approved.privilegedChanges(),
                    firstLoad.privilegedChanges()),
                windowPart(
                    "role changes",
                    total.roleChanges(),
                    approved.roleChanges(),
                    firstLoad.roleChanges()),
                windowPart(
                    "creations", total.creations(), approved.creations(), firstLoad.creations())));
  }

  private static String windowPart(String name, int total, int approved, int firstLoad) {
    List<String> covered = new ArrayList<>();
    if (approved > 0) {
      covered.add(approved + " approved");
    }
    if (firstLoad > 0) {
      covered.add(firstLoad + " first load");
    }
    return name + " " + total + (covered.isEmpty() ? "" : " (" + String.join(", ", covered) + ")");
  }

  private static String kind(PastRun run) {
    return run.purpose().id() + (run.dryRun() ? "*" : "");
  }

  /** "create 11/11, remove_membership 0/4 (4 held)": done/planned once applied. */
  private static String changes(PastRun run) {
    if (run.counts().isEmpty()) {
      return run.message() == null ? "" : run.message();
    }
    boolean wrote = (!run.dryRun() && !"held".equals(run.status())) || run.done() > 0;
    List<String> parts = new ArrayList<>();
    for (KindCount k : run.counts()) {
      String n = wrote ? k.done() + "/" + k.planned() : String.valueOf(k.planned());
      if (k.failed() > 0) {
        n += " (" + k.failed() + " failed)";
      }
      if (k.held() > 0 && wrote) {
        n += " (" + k.held() + " held)";
      }
      parts.add(k.kind() + " " + n);
    }
    return String.join(", ", parts);
  }

  /** The next step: approve a held run, or undo one that wrote something. */
  private static String next(PastRun run, java.util.function.UnaryOperator<String> command) {
    List<String> steps = new ArrayList<>();
    if (run.held()) {
      if (run.discard() != null) {
        steps.add("discarded by " + run.discard().describe());
      } else {
        steps.add(
            run.approval() == null
                ? "approve: "
                    + command.apply("approve " + run.runId())
                    + "; or set it aside: "
                    + command.apply("discard " + run.runId() + " --reason TEXT")
                : "approved by " + run.approval().describe());
      }
    }
    if (run.done() > 0) {
      steps.add("undo: " + command.apply("revert " + run.runId() + " --dry-run"));
    }
    if (run.purpose() instanceof RunPurpose.Approve a) {
      steps.add("approves " + a.heldRunId());
    } else if (run.purpose() instanceof RunPurpose.Revert r) {
      steps.add("reverts " + r.runId());
    }
    return String.join("; ", steps);
  }
}
