package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [csv] encoding = "auto"}: each file is read as UTF-8 when it is valid UTF-8 (with or
 * without a BOM), else with the fallback; the report says which, and a file whose names decode
 * cleanly is not held for its encoding alone, nor after the encoding advice was followed.
 */
class EncodingChoiceEndToEndTest {
  @TempDir Path dir;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * The sample with its one row windows-1252 cannot write (Vietnamese letters) in plain letters.
   */
  private static String representable() throws java.io.IOException {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(CliHarness.sample(), StandardCharsets.UTF_8)) {
      out.append(line.replace("Văn An,Nguyễn", "Van An,Nguyen")).append('\n');
    }
    return out.toString();
  }

  @Test
  void autoReadsEachFileInItsOwnEncodingAndAChangeAloneHoldsNothing() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[csv]\nencoding = \"auto\"\n");
      String text = representable();
      assertTrue(text.contains("José,Núñez"));
      Path utf8 = dir.resolve("utf8.csv");
      Files.write(utf8, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
      CliHarness.Result first = h.run("sync", utf8.toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertTrue(first.out().contains("Read as UTF-8 ([csv] encoding = \"auto\")"), first.out());

      Path legacy = dir.resolve("legacy.csv");
      Files.write(legacy, text.getBytes(WINDOWS_1252));
      CliHarness.Result second = h.run("sync", legacy.toString());

      assertEquals(0, second.exit(), second.out() + second.err());
      assertTrue(
          second
              .out()
              .contains(
                  "Read as windows-1252 ([csv] encoding = \"auto\"): the file is not"
                      + " valid UTF-8"),
          second.out());
      assertTrue(second.lastLine().contains("nothing to do"), second.lastLine());
      assertEquals("Núñez", h.user("E1003").get("last_name"));
    }
  }

  @Test
  void followingTheEncodingAdviceIsNotHeldForTheEncodingAlone() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      String text = representable();
      assertEquals(0, h.run("sync", h.csv("first.csv", text).toString()).exit());
      Path legacy = dir.resolve("legacy.csv");
      Files.write(legacy, text.getBytes(WINDOWS_1252));
      CliHarness.Result refused = h.run("sync", legacy.toString());
      assertEquals(2, refused.exit(), "not valid UTF-8: refused with advice");
      assertTrue(refused.out().contains("windows-1252") || refused.err().contains("windows-1252"));

      h.extraConfig("[csv]\nencoding = \"windows-1252\"\n");
      CliHarness.Result again = h.run("sync", legacy.toString());

      assertEquals(0, again.exit(), again.out() + again.err());
      assertFalse(again.out().contains("encoding was"), again.out());
    }
  }
}
