package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate FILE} opens the export as a run does: never through a link. */
class ValidateEndToEndTest {
  @TempDir Path dir;

  @Test
  void aGoodExportValidatesWithExit0() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result r = h.run("validate", CliHarness.sample().toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().endsWith(" 0 bad rows"), r.lastLine());
      assertEquals(0, h.sandbox().requestCount(), "validate never calls Titan");
    }
  }

  @Test
  void aLinkIsRefusedWithExit2NamingTheLinkNotItsTarget() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path target = Files.copy(CliHarness.sample(), dir.resolve("real-export.csv"));
      Path link = Files.createSymbolicLink(dir.resolve("staff.csv"), target);

      CliHarness.Result r = h.run("validate", link.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains(link + ": is a symbolic link"), r.err());
      assertEquals("titan-sync: " + link + " refused", r.lastLine());
      assertFalse((r.out() + r.err()).contains("real-export"), r.out() + r.err());
    }
  }

  @Test
  void windows1252BytesAreRefusedWithTheAdviceFromReadingTheFileAgain() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file = dir.resolve("latin.csv");
      Files.writeString(
          file,
          """
          external_id,first_name,last_name,email,site_name,role_names
          E1,Siobhán,Ó Briain,siobhan@example.org,North,Teacher
          """,
          StandardCharsets.ISO_8859_1);

      CliHarness.Result r = h.run("validate", file.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(
          r.err()
              .contains(
                  file
                      + ":2: cannot decode the bytes 0xE1 at line 2, column 9 (byte offset 68) as"
                      + " UTF-8; the whole file reads cleanly as windows-1252"),
          r.err());
    }
  }
}
