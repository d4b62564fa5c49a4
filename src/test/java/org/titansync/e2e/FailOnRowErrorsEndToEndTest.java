package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sync --fail-on-row-errors` (and `[sync] fail_on_row_errors`): a scheduled job whose file had a
 * refused row fails loudly with exit 2, while the rest of the file is applied as always.
 */
class FailOnRowErrorsEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRefusedRowMakesTheJobFailOnceTheRestIsApplied() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file =
          h.sampleWith(
              "staff.csv",
              (i, row) -> !row.startsWith("E1002,"),
              "E1002,James,Carter,james.carter@mvusd.org,Lincon Elementary,Teacher");

      CliHarness.Result plain = h.run("sync", file.toString(), "--dry-run");
      assertEquals(0, plain.exit(), "without the flag a row error is no failure");

      CliHarness.Result flagged = h.run("sync", file.toString(), "--fail-on-row-errors");
      assertEquals(2, flagged.exit(), flagged.out() + flagged.err());
      assertTrue(
          flagged
              .err()
              .contains(
                  "1 row was refused (--fail-on-row-errors): exit 2; the rest of"
                      + " the file was applied"),
          flagged.err());
      assertTrue(flagged.lastLine().contains(": applied "), flagged.lastLine());

      h.extraConfig("[sync]\nfail_on_row_errors = true\n");
      CliHarness.Result configured = h.run("sync", file.toString(), "--dry-run");
      assertEquals(2, configured.exit(), configured.out() + configured.err());

      Path clean = h.sampleWith("clean.csv", (i, row) -> true);
      assertEquals(0, h.run("sync", clean.toString(), "--fail-on-row-errors").exit());
    }
  }
}
