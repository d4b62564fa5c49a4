package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.titansync.testing.Await;

/**
 * {@code titan-sync sync FILE} in a child JVM, for the tests that kill a run with SIGKILL as a
 * power cut would: no shutdown hook runs, nothing is flushed that was not on disk already.
 */
final class ChildSync {
  private ChildSync() {}

  /** Starts the run; its output goes to {@code log}. */
  static Process start(CliHarness h, Path csv, Path log) throws IOException {
    return start(h, csv, log, java.util.Map.of());
  }

  /** Starts the run with {@code env} added to its environment; its output goes to {@code log}. */
  static Process start(CliHarness h, Path csv, Path log, java.util.Map<String, String> env)
      throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // A short-lived child: C1 alone compiles what it runs for less CPU.
            "-XX:TieredStopAtLevel=1",
            "-cp",
            // Surefire runs tests from a manifest-only jar; the real class path is in this
            // property.
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "org.titansync.cli.Main",
            "sync",
            csv.toString(),
            "--config",
            h.config().toString());
    ProcessBuilder child = new ProcessBuilder(cmd).redirectErrorStream(true);
    child.environment().putAll(env);
    return child.redirectOutput(log.toFile()).start();
  }

  /**
   * Runs the file in a child JVM and kills it while its {@code nth} write is in flight: the sandbox
   * holds that write unhandled, so the run has its intent on disk and Titan never carried it out.
   * Returns the child's exit code (137 for SIGKILL).
   */
  static int killedWhileWriteInFlight(CliHarness h, Path csv, int nth, Path log) throws Exception {
    h.sandbox().holdWrite(nth);
    Process child = start(h, csv, log);
    try {
      Await.until(
          "write " + nth + " of the child run, or its end",
          Duration.ofMinutes(2),
          () -> h.sandbox().holdingWrite() || !child.isAlive());
      assertTrue(child.isAlive(), "the child run ended while its write was held; see " + log);
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child did not end");
      return child.exitValue();
    } finally {
      child.destroyForcibly();
      h.sandbox().releaseHeldWrite();
    }
  }
}
