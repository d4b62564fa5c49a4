package org.titansync.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.titansync.app.OneRun;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.HeldFiles;
import org.titansync.pipeline.TitanCheck;
import org.titansync.report.KindWords;
import org.titansync.run.KindCount;
import org.titansync.run.RunId;
import org.titansync.run.RunPurpose;
import org.titansync.run.ShownName;
import org.titansync.run.ShownTime;
import org.titansync.run.SyncRequest;
import org.titansync.store.PastRun;
import org.titansync.store.ResultFile;
import org.titansync.store.StateFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code approve RUN_ID}: apply a held run, within what was held, once. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Applies a run a guardrail held. The run is planned again, from the copy of its input in"
          + " its folder, against Titan as it is now, and applied only if the new plan removes and"
          + " updates nothing beyond what was held: the approval is a ceiling, used once.",
      "Shows the held plan's summary first and, on a terminal, asks before applying it (--yes"
          + " does not ask). Records who approved and when (the operating-system user, the"
          + " --by name, host, time, the --comment) in the held run's approval.json and in the"
          + " audit log; `runs` and `explain` show them."
    },
    footer = {
      "",
      "Examples:",
      "  titan-sync runs",
      "  titan-sync approve 20261126-173621-9f3a --dry-run",
      "  titan-sync approve 20261126-173621-9f3a --by \"Dana Reyes\" --comment \"checked with"
          + " HR: the leavers are real\"",
      "  titan-sync approve 20261126-173621-9f3a --yes --config /etc/titan-sync/config.toml",
      "",
      "Exit codes: 0 applied, 2 unknown run, not held, or held against another Titan (with"
          + " or without --sandbox; the right command is printed), 3 refused (already approved,"
          + " Titan changed since: the difference is printed, or the guardrails' window cannot be"
          + " read; or not confirmed at the question), 4 some changes failed, 5 Titan unreachable, 6"
          + " another run holds the lock."
    })
public final class ApproveCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The held run (see `runs`).")
  String runId;

  @Option(
      names = "--dry-run",
      description = "Plan again and check against what was held; write nothing, use nothing up.")
  boolean dryRun;

  @Option(names = "--sandbox", description = "Run against the built-in Titan sandbox.")
  boolean sandbox;

  @Option(
      names = {"--yes", "-y"},
      description = "Do not ask for confirmation on a terminal (without one, nobody is asked).")
  boolean yes;

  @Option(
      names = "--comment",
      paramLabel = "TEXT",
      description = "Why the run is approved; kept with the approval, shown by runs and explain.")
  String comment;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description =
          "Who approves, when the operating-system user says too little (a shared service"
              + " account); kept next to that user.")
  String by;

  /** Where the question is asked: the terminal, when there is one. */
  ApprovalQuestion question = ApprovalQuestion.terminal();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SyncConfig config = configOptions.load(sandbox);
    StateFolder store = StateFolder.of(config.paths());
    Optional<PastRun> found = find(store, runId, err);
    if (found.isEmpty()) {
      return ExitCode.BAD_INPUT;
    }
    PastRun held = found.get();
    Optional<String> why = held.whyNotApprovable();
    if (why.isPresent()) {
      err.println("error: " + why.get());
      return held.approval() != null ? ExitCode.HELD : ExitCode.BAD_INPUT;
    }
    // Before any sandbox starts or Titan is read: a hold applies only where it was judged.
    Optional<String> elsewhere =
        TitanCheck.approveRefusal(held, TitanCheck.of(config, sandbox), config.source());
    if (elsewhere.isPresent()) {
      err.println("error: " + elsewhere.get());
      return ExitCode.BAD_INPUT;
    }
    PrintWriter out = spec.commandLine().getOut();
    ApprovalQuestion.summary(held, ResultFile.read(store, held.dir())).forEach(out::println);
    if (!dryRun && !yes && !question.confirm(out, "Apply this plan now, within what was held?")) {
      err.println("error: not approved: nothing was written (--yes approves without asking)");
      return ExitCode.HELD;
    }
    Path from =
        held.plansFrom() instanceof RunPurpose.Revert ? store.audit().file() : held.inputCopy();
    RunPurpose.Approve approve = new RunPurpose.Approve(runId, clean(by), clean(comment));
    int exit =
        OneRun.execute(
            out,
            spec.commandLine().getErr(),
            config,
            sandbox,
            (run, client) -> SyncRequest.approve(approve, from, dryRun));
    if (!dryRun && (exit == ExitCode.OK || exit == ExitCode.PARTIAL)) {
      // The daemon's copy of the file is no longer waiting: it is synced, like any archived file.
      try {
        for (Path p :
            new HeldFiles(config.paths())
                .approved(runId, LocalDate.now(java.time.ZoneId.systemDefault()))) {
          out.println("held file moved to " + p.getParent() + "/" + ShownName.of(p));
        }
      } catch (java.io.IOException e) {
        err.println("warning: the held file stays in held/: " + e.getMessage());
      }
    }
    return exit;
  }

  /** A name or comment on one line: it is shown in the audit log, runs and explain. */
  static String clean(String text) {
    return text == null ? "" : text.strip().replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
  }

  /** The run's records, or empty after printing why there are none. */
  static Optional<PastRun> find(StateFolder store, String runId, PrintWriter err) throws Exception {
    if (!RunId.isValid(runId)) {
      err.println(
          "error: \""
              + runId
              + "\" is not a run id (they look like 20261126-173621-9f3a; `titan-sync runs` lists"
              + " them)");
      return Optional.empty();
    }
    Optional<PastRun> found = PastRun.load(store, runId);
    if (found.isEmpty()) {
      err.println("error: no run " + runId + " under " + store.runsDir());
    }
    return found;
  }

  /**
   * {@code approve}'s look before it leaps: the held plan's summary, and on a terminal the question
   * whether to apply it. Without a terminal (cron, a script) nobody can answer, so nobody is asked:
   * the command line itself was the decision.
   */
  abstract static class ApprovalQuestion {

    /** True when the answer is yes; asks only where someone can answer. */
    abstract boolean confirm(PrintWriter out, String question) throws IOException;

    /**
     * The terminal's question, or none when there is no terminal. The build targets Java 17, where
     * a null console is how "no terminal" is told (Console.isTerminal() came in 22).
     */
    @SuppressWarnings("SystemConsoleNull")
    static ApprovalQuestion terminal() {
      Console console = System.console();
      if (console != null) {
        return reading(new BufferedReader(console.reader()));
      }
      if (inputIsATerminal()) {
        // At a keyboard with the output sent elsewhere (approve RUN > out.txt): Java sees no
        // console, yet someone can answer. The question goes to the terminal itself.
        return onTheTerminal();
      }
      return always();
    }

    /** Whether standard input is a terminal (Linux: what /proc/self/fd/0 links to). */
    static boolean inputIsATerminal() {
      try {
        String input = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        return input.startsWith("/dev/pts/")
            || input.startsWith("/dev/tty")
            || input.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }

    /**
     * Asks on the controlling terminal ({@code /dev/tty}, or standard error when it cannot be
     * opened), whatever the output goes to, and reads the answer from standard input.
     */
    private static ApprovalQuestion onTheTerminal() {
      return new ApprovalQuestion() {
        @Override
        boolean confirm(PrintWriter out, String question) throws IOException {
          out.flush();
          ApprovalQuestion answer =
              reading(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
          String note = "(the held plan's summary went to the output)";
          try (PrintWriter tty =
              new PrintWriter(
                  new OutputStreamWriter(new FileOutputStream("/dev/tty"), StandardCharsets.UTF_8),
                  true)) {
            tty.println(note);
            return answer.confirm(tty, question);
          } catch (java.io.FileNotFoundException e) {
            // No controlling terminal to open: standard error, which stays open.
            PrintWriter err =
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            err.println(note);
            return answer.confirm(err, question);
          }
        }
      };
    }

    /** Nobody to ask: yes. */
    static ApprovalQuestion always() {
      return new ApprovalQuestion() {
        @Override
        boolean confirm(PrintWriter out, String question) {
          return true;
        }
      };
    }

    /** Asks on {@code out} and reads the answer from {@code in}: "y" or "yes" is yes. */
    static ApprovalQuestion reading(BufferedReader in) {
      return new ApprovalQuestion() {
        @Override
        boolean confirm(PrintWriter out, String question) throws IOException {
          out.print(question + " [y/N] ");
          out.flush();
          String answer = in.readLine();
          String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
          return a.equals("y") || a.equals("yes");
        }
      };
    }

    /** What the held run would do and why it was held, in the reports' words. */
    static List<String> summary(PastRun held, Optional<ResultFile> result) {
      List<String> lines = new ArrayList<>();
      lines.add(
          "Run "
              + held.runId()
              + " was held "
              + ShownTime.of(held.startedAt())
              + (held.input() == null || held.input().isEmpty()
                  ? ""
                  : ", reading " + ShownName.of(java.nio.file.Path.of(held.input())))
              + ".");
      List<String> kinds = new ArrayList<>();
      for (KindCount k : held.counts()) {
        String words = KindWords.counted(k.kind(), k.planned());
        if (!words.isEmpty()) {
          kinds.add(words);
        }
      }
      if (!kinds.isEmpty()) {
        lines.add("It plans: " + String.join(", ", kinds) + ".");
      }
      result
          .map(ResultFile::likelyCause)
          .filter(c -> !c.isEmpty())
          .ifPresent(c -> lines.add("Likely cause: " + c));
      result.ifPresent(r -> r.holdReasons().forEach(why -> lines.add("  - " + why)));
      lines.add("The report: " + held.dir().resolve("report.txt"));
      return lines;
    }
  }
}
