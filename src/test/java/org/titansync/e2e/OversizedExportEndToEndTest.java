package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export over [csv] max_file_mb is refused unread, and not copied into its run folder (a 1.3 GB
 * export once filled logs/ at every refused run): the run records its name, size and checksum.
 */
class OversizedExportEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRefusedExportIsNotCopiedAndItsRunNamesIt() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      h.extraConfig("[csv]\nmax_file_mb = 1\n");
      byte[] content = new byte[3 * 1024 * 1024];
      java.util.Arrays.fill(content, (byte) 'a');
      Path file = Files.write(dir.resolve("huge export.csv"), content);

      CliHarness.Result r = h.run("sync", file.toString());

      assertTrue(r.exit() != 0, r.out() + r.err());
      Path run = h.lastRun();
      assertFalse(Files.exists(run.resolve("input.csv")), "not copied into the run folder");
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      @SuppressWarnings("unchecked")
      List<String> notes =
          (List<String>) CliHarness.readJson(run.resolve("result.json")).get("notes");
      String note = String.join("\n", notes);
      assertTrue(note.contains("huge export.csv"), note);
      assertTrue(note.contains(content.length + " bytes"), note);
      assertTrue(note.contains("sha256 " + sha), note);
      assertEquals(0, h.sandbox().writeCount());
    }
  }
}
