package org.titansync.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.titansync.roster.RowError;
import org.titansync.run.KindCount;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/**
 * What a run prints: counts per kind, the first row errors, where the reports are, one line last.
 */
public final class RunPrinter {
  private static final int MAX_ERRORS_SHOWN = 20;

  private RunPrinter() {}

  public static void print(PrintWriter out, RunSummary s, StateFolder store) {
    List<KindCount> counts = KindCount.of(s);
    if (s.plan() != null) {
      out.printf("%-20s %8s %8s %8s %8s%n", "change", "planned", "done", "failed", "skipped");
      for (KindCount k : counts) {
        out.printf(
            "%-20s %8d %8d %8d %8d%n", k.kind(), k.planned(), k.done(), k.failed(), k.skipped());
      }
      if (counts.isEmpty()) {
        out.println("(no changes)");
      }
      List<RowError> errors = s.plan().errors();
      if (!errors.isEmpty()) {
        out.println();
        out.println("Row errors (rows skipped; nobody loses anything because of them):");
        errors.stream().limit(MAX_ERRORS_SHOWN).forEach(e -> out.println("  " + describe(s, e)));
        if (errors.size() > MAX_ERRORS_SHOWN) {
          out.println("  ... " + (errors.size() - MAX_ERRORS_SHOWN) + " more in the report");
        }
      }
      if (!s.plan().conflicts().isEmpty()) {
        out.println();
        out.println("Conflicts (not touched):");
        s.plan().conflicts().stream()
            .limit(MAX_ERRORS_SHOWN)
            .forEach(
                c ->
                    out.println("  line " + c.line() + ": " + c.externalId() + ": " + c.message()));
      }
    }
    if (!s.holdReasons().isEmpty()) {
      out.println();
      out.println("HELD: nothing held was written. Why:");
      s.holdReasons().forEach(r -> out.println("  - " + r));
      String cause = s.verdict().likelyCause();
      if (cause != null && !cause.isBlank()) {
        out.println("Likely cause: " + cause);
      }
      String approve = org.titansync.store.ResultFile.approveCommand(s);
      out.println(
          "If the file is right: "
              + approve
              + (s.verdict().removalsTripped()
                  ? " (see report.html for the removals by site)"
                  : " (see report.html for every held change)"));
    }
    if (!s.verdict().holders().isEmpty()) {
      out.println();
      out.println("Privileged roles, people holding each in Titan before -> after the plan:");
      s.verdict().holders().forEach(h -> out.println("  " + h));
    }
    s.notes().forEach(n -> out.println("note: " + n));
    Path dir = store.runsDir().resolve(s.runId());
    out.println();
    if (java.nio.file.Files.isRegularFile(dir.resolve("result.json"))
        && java.nio.file.Files.isRegularFile(dir.resolve("report.txt"))
        && java.nio.file.Files.isRegularFile(dir.resolve("report.html"))) {
      out.println("Reports: " + dir + "/ (report.txt, report.html, plan.json, result.json)");
    } else {
      out.println("Reports: not written (see below)");
    }
    out.println("titan-sync: run " + s.runId() + ": " + s.message());
    out.flush();
  }

  static String describe(RunSummary s, RowError e) {
    return e.position(s.inputFile())
        + (e.field() == null ? "" : " [" + e.field() + "]")
        + ": "
        + e.message();
  }
}
