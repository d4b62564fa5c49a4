package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.e2e.HarmFiles.applySample;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code approve} as an operator types it at a terminal: the CLI in its own JVM, on a
 * pseudo-terminal made by util-linux {@code script}, so that {@code System.console()} sees a real
 * terminal. The held plan's summary comes first, then the question; "n" (or Enter alone) writes
 * nothing and exits 3, "y" applies the held changes. Without a terminal (cron, a script) nobody is
 * asked.
 */
class ApproveOnATerminalEndToEndTest {
  private static final String QUESTION = "Apply this plan now, within what was held? [y/N]";

  /** A bound for a broken child, not a guess at how long a good one takes. */
  private static final long CHILD_MINUTES = 3;

  @TempDir Path dir;

  @Test
  void onATerminalNoWritesNothingAndYesAppliesTheHeldPlan() throws Exception {
    Path script = scriptCommand();
    try (CliHarness h = CliHarness.start(dir)) {
      String runId = heldCutExport(h);
      List<Map<String, Object>> before = h.sandbox().users();
      h.sandbox().resetCounters();

      Child no = approve(h, runId, script, "n\n", "no");

      assertEquals(3, no.exit(), no.out());
      assertSummaryThenQuestion(no, runId);
      assertTrue(no.out().contains("not approved: nothing was written"), no.out());
      assertEquals(0, h.sandbox().writeCount(), "answering n writes nothing to Titan");
      assertEquals(before, h.sandbox().users());
      assertFalse(
          Files.exists(h.runDir(runId).resolve("approval.json")), "answering n approves nothing");

      // Enter alone takes the default the question shows: N.
      Child enter = approve(h, runId, script, "\n", "enter");

      assertEquals(3, enter.exit(), enter.out());
      assertSummaryThenQuestion(enter, runId);
      assertEquals(0, h.sandbox().writeCount(), "Enter alone writes nothing to Titan");

      Child yes = approve(h, runId, script, "y\n", "yes");

      assertEquals(0, yes.exit(), yes.out());
      assertSummaryThenQuestion(yes, runId);
      assertTrue(yes.out().contains("applied 22 changes"), yes.out());
      assertTrue(h.sandbox().writeCount() > 0, "answering y writes to Titan");
      assertTrue(CliHarness.siteIds(h.user("E1029")).isEmpty(), "E1029 left the file");
      assertTrue(Files.exists(h.runDir(runId).resolve("approval.json")), yes.out());
    }
  }

  @Test
  void atAKeyboardWithTheOutputInAFileTheQuestionIsStillAsked() throws Exception {
    Path script = scriptCommand();
    try (CliHarness h = CliHarness.start(dir)) {
      String runId = heldCutExport(h);
      h.sandbox().resetCounters();
      Path output = dir.resolve("approve-output.txt");

      // approve RUN > approve-output.txt, typed at a terminal: Java sees no console (its output
      // is a file), yet someone is there to answer. The question goes to the terminal.
      Child no = approve(h, runId, script, "n\n", "redirected-no", output);

      assertEquals(3, no.exit(), no.out());
      assertTrue(no.out().contains(QUESTION), no.out());
      assertEquals(0, h.sandbox().writeCount(), "answering n writes nothing to Titan");
      String written = Files.readString(output);
      assertTrue(written.contains("Run " + runId + " was held"), written);
      assertFalse(written.contains(QUESTION), written);

      Child yes = approve(h, runId, script, "y\n", "redirected-yes", output);

      assertEquals(0, yes.exit(), yes.out());
      assertTrue(Files.readString(output).contains("applied 22 changes"), yes.out());
      assertTrue(h.sandbox().writeCount() > 0, "answering y writes to Titan");
    }
  }

  @Test
  void withoutATerminalNobodyIsAskedAndTheHeldPlanIsApplied() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      String runId = heldCutExport(h);
      h.sandbox().resetCounters();

      // Even an answer waiting on stdin is not read: without a terminal there is no question.
      Child piped = approve(h, runId, null, "n\n", "piped");

      assertEquals(0, piped.exit(), piped.out());
      assertTrue(piped.out().contains("Run " + runId + " was held"), piped.out());
      assertFalse(piped.out().contains("[y/N]"), piped.out());
      assertTrue(piped.out().contains("applied 22 changes"), piped.out());
      assertTrue(h.sandbox().writeCount() > 0, "the held plan is applied");
      assertTrue(CliHarness.siteIds(h.user("E1029")).isEmpty(), "E1029 left the file");
    }
  }

  /** The sample applied, then cut to 33 of its 55 rows: held. Returns the held run's id. */
  private static String heldCutExport(CliHarness h) throws IOException {
    applySample(h);
    Path cut = h.sampleWith("cut.csv", (i, row) -> i < 33);
    CliHarness.Result held = h.run("sync", cut.toString());
    assertEquals(3, held.exit(), held.out() + held.err());
    return held.runId();
  }

  /** The summary of the held plan, in words, and only after it the question. */
  private static void assertSummaryThenQuestion(Child c, String runId) {
    String out = c.out();
    int summary = out.indexOf("Run " + runId + " was held");
    int question = out.indexOf(QUESTION);
    assertTrue(summary >= 0, out);
    assertTrue(out.contains("It plans: "), out);
    assertTrue(out.contains("Likely cause: The file has 60.0% of the rows"), out);
    assertTrue(question > summary, "the question comes after the summary:\n" + out);
    assertEquals(1, out.split(java.util.regex.Pattern.quote(QUESTION), -1).length - 1, out);
  }

  /** What a child approve printed (stdout and stderr, as a terminal shows them) and its exit. */
  private record Child(int exit, String out) {}

  /**
   * {@code titan-sync approve RUN_ID --config ...} in its own JVM, with {@code answer} on its
   * stdin: on a pseudo-terminal through {@code script}, or on plain pipes when {@code script} is
   * null.
   */
  private Child approve(CliHarness h, String runId, Path script, String answer, String name)
      throws Exception {
    return approve(h, runId, script, answer, name, null);
  }

  /** {@link #approve} with the command's output sent to {@code output} when it is not null. */
  private Child approve(
      CliHarness h, String runId, Path script, String answer, String name, Path output)
      throws Exception {
    List<String> cli =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // A short-lived child: C1 alone compiles what it runs for less CPU.
            "-XX:TieredStopAtLevel=1",
            "-cp",
            // Surefire runs tests from a manifest-only jar; the real class path is here.
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "org.titansync.cli.Main",
            "approve",
            runId,
            "--config",
            h.config().toString());
    List<String> cmd = new ArrayList<>();
    if (script == null) {
      cmd.addAll(cli);
    } else {
      // -e: script exits with the command's exit code; -q: no "Script started" lines.
      cmd.addAll(
          List.of(
              script.toString(),
              "-qec",
              cli.stream()
                      .map(ApproveOnATerminalEndToEndTest::quoted)
                      .collect(Collectors.joining(" "))
                  + (output == null ? "" : " > " + quoted(output.toString())),
              "/dev/null"));
    }
    Path log = dir.resolve("approve-" + name + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      // The terminal keeps what is typed until the CLI reads it: typing ahead is what people do.
      try (OutputStream in = p.getOutputStream()) {
        in.write(answer.getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(p.waitFor(CHILD_MINUTES, TimeUnit.MINUTES), "approve did not end; see " + log);
      // A terminal ends lines with CR LF.
      return new Child(p.exitValue(), Files.readString(log).replace("\r\n", "\n"));
    } finally {
      p.destroyForcibly();
    }
  }

  /** One word for sh -c, whatever it holds. */
  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * util-linux {@code script} on the PATH (Debian ships it in bsdutils, an essential package). The
   * test is skipped without it, except in CI, where a skip would pass unnoticed.
   */
  private static Path scriptCommand() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, "script"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(
          "script is not installed: approve's question cannot be tested on a terminal in CI"
              + " (.ci/run installs it: apt-get install -y bsdutils)");
    }
    Assumptions.assumeTrue(
        found.isPresent(), "script (Debian's bsdutils, from util-linux) is not installed; skipped");
    return found.orElseThrow();
  }
}
