package org.titansync.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.titansync.report.KindWords;
import org.titansync.report.ShownTime;
import org.titansync.run.KindCount;
import org.titansync.run.PastRun;
import org.titansync.run.ResultFile;
import org.titansync.run.ShownName;

/**
 * {@code approve}'s look before it leaps: the held plan's summary, and on a terminal the question
 * whether to apply it. Without a terminal (cron, a script) nobody can answer, so nobody is asked:
 * the command line itself was the decision.
 */
abstract class ApprovalQuestion {

  /** True when the answer is yes; asks only where someone can answer. */
  abstract boolean confirm(PrintWriter out, String question) throws IOException;

  /**
   * The terminal's question, or none when there is no terminal. The build targets Java 17, where a
   * null console is how "no terminal" is told (Console.isTerminal() came in 22).
   */
  @SuppressWarnings("SystemConsoleNull")
  static ApprovalQuestion terminal() {
    Console console = System.console();
    if (console == null) {
      return always();
    }
    return reading(new BufferedReader(console.reader()));
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
