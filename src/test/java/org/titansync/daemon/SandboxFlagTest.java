package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sandbox}, which doctor's advice and docs/operations.md offer, works on doctor, runs and
 * explain too, with the same meaning as for sync: the built-in sandbox's settings.
 */
class SandboxFlagTest {
  @TempDir Path dir;

  private CliRun run(String... args) throws Exception {
    // A config with no Titan settings, so that only --sandbox can make doctor reach a Titan; its
    // folders (and the sandbox's state) stay in the test's folder.
    Path config = Files.writeString(dir.resolve("config.toml"), "# defaults only\n");
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config.toString();
    return CliRun.of(all);
  }

  @Test
  void doctorChecksTheSandbox() throws Exception {
    CliRun r = run("doctor", "--sandbox");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("answers and accepts the key"), r.out());
  }

  @Test
  void runsAndExplainAcceptIt() throws Exception {
    CliRun runs = run("runs", "--sandbox");
    assertEquals(0, runs.exit(), runs.out() + runs.err());
    assertFalse(runs.err().contains("Unknown option"), runs.err());

    CliRun explain = run("explain", "E1001", "--sandbox");
    assertFalse(explain.err().contains("Unknown option"), explain.err());
    assertTrue(explain.out().contains("nobody matches \"E1001\""), explain.out() + explain.err());
  }

  @Test
  void runsWithItCountsTheSandboxRunsInTheWindow() throws Exception {
    CliRun sync =
        run("sync", Path.of("samples/staff.csv").toAbsolutePath().toString(), "--sandbox");
    assertEquals(0, sync.exit(), sync.out() + sync.err());

    // The sandbox of `runs` is not started, and the one of `sync` listened on a port of its own.
    CliRun runs = run("runs", "--sandbox");
    assertEquals(0, runs.exit(), runs.out() + runs.err());
    assertTrue(runs.out().contains("1 run wrote to Titan"), runs.out());
    assertTrue(runs.out().contains("removals 4"), runs.out());
  }
}
