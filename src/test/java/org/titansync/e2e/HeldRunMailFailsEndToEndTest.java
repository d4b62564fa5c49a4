package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held run whose mail cannot be sent: its reports, rewritten with the note, still say why it is
 * held (likely cause, removals by site). That is when the operator has only the reports to read.
 */
class HeldRunMailFailsEndToEndTest {
  @TempDir Path dir;

  @Test
  void aHeldRunWhoseMailFailsKeepsItsLikelyCauseAndRemovalsBySite() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      h.extraConfig(
          "[email]\nenabled = true\nhost = \"127.0.0.1\"\nport = "
              + closed
              + "\nstarttls = false\nfrom = \"titan-sync@district.org\"\n"
              + "to = [\"it@district.org\"]\n");
      Path cut = h.sampleWith("cut.csv", (i, row) -> i < 33); // 33 of 55 rows

      CliHarness.Result held = h.run("sync", cut.toString());

      assertEquals(3, held.exit(), held.out() + held.err());
      assertTrue(held.out().contains("could not be sent"), held.out());
      Path run = h.runDir(held.runId());
      String report = Files.readString(run.resolve("report.txt"));
      assertTrue(report.contains("could not be sent"), report);
      assertTrue(report.contains("Likely cause: The file has 60.0% of the rows"), report);
      assertTrue(
          report.contains("  District Office: 6; 6 in Titan; 0 in the file: no row in the file"),
          report);
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(html.contains("could not be sent"), html);
      assertTrue(html.contains("<strong>Likely cause:</strong> The file has 60.0%"), html);
      assertTrue(html.contains("District Office"), html);
      Map<String, Object> result = CliHarness.readJson(run.resolve("result.json"));
      assertEquals("held", result.get("status"));
      assertTrue(
          String.valueOf(result.get("likely_cause")).startsWith("The file has 60.0%"),
          String.valueOf(result));
      @SuppressWarnings("unchecked")
      List<String> notes = (List<String>) result.get("notes");
      assertTrue(notes.stream().anyMatch(n -> n.contains("could not be sent")), notes.toString());
    }
  }
}
