package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.titansync.e2e.HarmFiles.applySample;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.TitanSyncCommand;

/**
 * What the command line prints never drives the terminal: a file name and CSV values carrying
 * escape sequences (a window title, a screen clear), a line break and a right-to-left override
 * reach stdout and stderr of every command neutralised, as {@code \\u001b} and the like, and a file
 * name stays on its line.
 */
class TerminalOutputEndToEndTest {
  /** ESC ] 0 ; title BEL sets the window title; ESC [ 2 J clears the screen. */
  private static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\n\u202e\u009b2J";

  /** The same text as the terminal must see it. */
  private static final String SHOWN = "\\u001b]0;pwned\\u0007\\u001b[2J\\n\\u202e\\u009b2J";

  private static final String NAME = "staff" + HOSTILE + ".csv";

  @TempDir Path dir;

  @Test
  void validateShowsTheFileNameAndTheValuesNeutralised() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file = hostileExport(h);

      CliHarness.Result r = h.run("validate", file.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertNeutral(r);
      assertTrue(r.out().contains("staff" + SHOWN + ".csv:"), r.out());
      assertTrue(r.lastLine().contains("staff" + SHOWN + ".csv: "), r.lastLine());
    }
  }

  @Test
  void syncExplainRevertApproveAndRunsShowNothingRaw() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      applySample(h);
      Path file = hostileExport(h);

      CliHarness.Result sync = h.run("sync", file.toString());
      assertEquals(0, sync.exit(), sync.out() + sync.err());
      assertNeutral(sync);
      assertTrue(sync.out().contains("staff" + SHOWN + ".csv:"), sync.out());
      assertEquals("Carter\u202eretraC", h.user("E1002").get("last_name"));

      CliHarness.Result explain = h.run("explain", "E1002");
      assertEquals(0, explain.exit(), explain.out() + explain.err());
      assertNeutral(explain);
      assertTrue(explain.out().contains("a sync of staff" + SHOWN + ".csv"), explain.out());

      CliHarness.Result revert = h.run("revert", sync.runId());
      assertEquals(0, revert.exit(), revert.out() + revert.err());
      assertNeutral(revert);
      assertEquals("Carter", h.user("E1002").get("last_name"));

      h.extraConfig("[guardrails]\nmax_update_percent = 1\n");
      CliHarness.Result held = h.run("sync", file.toString());
      assertEquals(3, held.exit(), held.out() + held.err());
      assertNeutral(held);
      CliHarness.Result approved = h.run("approve", held.runId());
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertNeutral(approved);

      // A file refused as a whole: its message names the file.
      Path broken = h.csv(NAME.replace(".csv", "-broken.csv"), "external_id,first_name\nE1,A\n");
      CliHarness.Result refused = h.run("sync", broken.toString());
      assertEquals(2, refused.exit(), refused.out() + refused.err());
      assertNeutral(refused);

      CliHarness.Result runs = h.run("runs");
      assertEquals(0, runs.exit(), runs.out() + runs.err());
      assertNeutral(runs);
    }
  }

  @Test
  void doctorShowsAHostileConfigFileNameNeutralised() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path config = Files.copy(h.config(), dir.resolve("config" + HOSTILE + ".toml"));

      CliHarness.Result r = bare("doctor", "--config", config.toString());

      assertNeutral(r);
      assertTrue(r.out().contains("config" + SHOWN + ".toml"), r.out() + r.err());
    }
  }

  @Test
  void sandboxAndPicocliErrorsShowUserTextNeutralised() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result seed =
          bare("sandbox", "--port", "0", "--seed", dir.resolve("seed" + HOSTILE).toString());
      assertTrue(seed.exit() != 0, seed.out() + seed.err());
      assertNeutral(seed);
      assertTrue(seed.err().contains("seed\\u001b]0;pwned"), seed.err());

      CliHarness.Result rps = bare("sandbox", "--rps", HOSTILE);
      assertEquals(2, rps.exit(), rps.out() + rps.err());
      assertNeutral(rps);
      assertTrue(rps.err().contains("\\u001b[2J"), rps.err());

      CliHarness.Result unknown = h.run("sync", "--dry-run" + HOSTILE, "x.csv");
      assertEquals(2, unknown.exit(), unknown.out() + unknown.err());
      assertNeutral(unknown);

      CliHarness.Result usage = h.run("sync", "--help");
      assertEquals(0, usage.exit(), usage.out() + usage.err());
      assertNeutral(usage);
      assertTrue(usage.out().contains("Usage: titan-sync sync"), usage.out());
    }
  }

  /**
   * The sample under a hostile name, with James Carter's last name carrying a right-to-left
   * override (an update: a name may not hold a control character), a row whose first name has them
   * (a row error that quotes the value) and a row whose site has them (an unknown site, which sync
   * names).
   */
  private static Path hostileExport(CliHarness h) throws Exception {
    List<String> lines = Files.readAllLines(CliHarness.sample());
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      csv.append(
              line.startsWith("E1002,")
                  ? "E1002,James,Carter\u202eretraC,james.carter@mvusd.org,Lincoln Elementary,Teacher"
                  : line)
          .append('\n');
    }
    csv.append("E9001,\"Ann")
        .append(HOSTILE)
        .append("\",Lee,ann.lee@mvusd.org,Lincoln Elementary,Teacher\n");
    csv.append("E9002,Bo,Lee,bo.lee@mvusd.org,\"Lincoln").append(HOSTILE).append("\",Teacher\n");
    return h.csv(NAME, csv.toString());
  }

  /** A command without the harness's {@code --config} (the sandbox command takes none). */
  private static CliHarness.Result bare(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        TitanSyncCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliHarness.Result(exit, out.toString(), err.toString());
  }

  /** No character that drives a terminal in what the command printed, on stdout or stderr. */
  private static void assertNeutral(CliHarness.Result r) {
    String all = r.out() + r.err();
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\n' && c != '\t';
      boolean bidi = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
      if (control || bidi) {
        fail(
            String.format(
                "U+%04X printed raw at %d:%n%s", (int) c, i, all.replace("\u001b", "ESC")));
      }
    }
    assertFalse(all.contains("\npwned"), all);
  }
}
