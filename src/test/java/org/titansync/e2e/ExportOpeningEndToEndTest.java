package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * How a run opens the export: never through a link, whether the link is given by hand or a file was
 * swapped for one after the daemon's intake looked at it.
 */
class ExportOpeningEndToEndTest {
  @TempDir Path dir;

  @Test
  void syncGivenALinkIsRefusedWithExit2NamingTheLinkNotItsTarget() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path target = Files.copy(CliHarness.sample(), dir.resolve("real-export.csv"));
      Path link = Files.createSymbolicLink(dir.resolve("staff.csv"), target);

      CliHarness.Result r = h.run("sync", link.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains(link + ": is a symbolic link"), r.lastLine());
      assertFalse((r.out() + r.err()).contains("real-export"), r.out() + r.err());
      assertEquals(0, h.sandbox().writeCount(), "nothing written to Titan");
      Path run = h.runDir(r.runId());
      assertEquals("refused", CliHarness.readJson(run.resolve("result.json")).get("status"));
      assertFalse(Files.exists(run.resolve("input.csv")), "nothing copied through the link");
    }
  }

  @Test
  void aFileSwappedForALinkAfterTheIntakeLookedIsNotReadByTheRun() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path target = Files.copy(CliHarness.sample(), dir.resolve("real-export.csv"));
      // What the daemon hands over once its intake found a regular file there: the same path,
      // now a link.
      Path swapped = Files.createSymbolicLink(dir.resolve("staff.csv"), target);
      SyncConfig config = ConfigLoader.load(h.config(), Map.of());
      try (TitanSyncApp app = TitanSyncApp.start(config)) {
        RunSummary summary = app.sync(SyncRequest.sync(swapped, true, SyncRequest.Trigger.DAEMON));

        assertEquals(RunStatus.REFUSED, summary.status(), summary.message());
        assertTrue(summary.message().contains("staff.csv: is a symbolic link"), summary.message());
        assertFalse(summary.message().contains("real-export"), summary.message());
        assertFalse(Files.exists(h.runDir(summary.runId()).resolve("input.csv")), "nothing copied");
      }
    }
  }

  @Test
  void aLineBreakInTheFileNameReachesNoReportRaw() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path file = Files.copy(CliHarness.sample(), dir.resolve("staff\nFORGED: applied\t.csv"));

      CliHarness.Result r = h.run("sync", "--dry-run", file.toString());

      assertEquals(0, r.exit(), r.out() + r.err());
      Path run = h.runDir(r.runId());
      Object shown = CliHarness.readJson(run.resolve("result.json")).get("input");
      assertTrue(String.valueOf(shown).endsWith("staff\\nFORGED: applied\\t.csv"), "" + shown);
      for (String report : List.of("report.txt", "report.html", "result.json")) {
        String text = Files.readString(run.resolve(report));
        // In result.json the backslash is escaped once more, as JSON escapes it.
        String escaped = report.endsWith(".json") ? "staff\\\\nFORGED" : "staff\\nFORGED";
        assertTrue(text.contains(escaped), report + ": " + text);
        assertTrue(
            text.lines().noneMatch(l -> l.startsWith("FORGED")), report + " has a forged line");
        assertFalse(text.contains("\t.csv"), report);
      }
    }
  }

  @Test
  void aFileOfSecretsDroppedAsAnExportLeavesNoSecretAndABoundedEcho() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      String smtpPassword = "smtp-Pa55-never-shown";
      h.extraConfig("[email]\nenabled = false\npassword = \"" + smtpPassword + "\"\n");
      String apiKey = h.sandbox().options().apiKey();
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        fields.add("SETTING_" + i + "=value-" + i);
      }
      String firstLine =
          "TITAN_API_KEY="
              + apiKey
              + ",SMTP_PASSWORD="
              + smtpPassword
              + ","
              + String.join(",", fields);
      Path file = Files.writeString(dir.resolve("titan.env"), firstLine + "\nmore=1\n");

      CliHarness.Result r = h.run("sync", file.toString());

      assertEquals(2, r.exit(), r.out() + r.err());
      Path run = h.runDir(r.runId());
      String message =
          String.valueOf(CliHarness.readJson(run.resolve("result.json")).get("message"));
      String start = message.substring(0, Math.min(300, message.length()));
      assertTrue(message.contains("found headers"), start);
      assertTrue(message.contains("TITAN_API_KEY=***"), start);
      assertTrue(message.length() < 1_100, "cut to a bounded length: " + message.length());
      assertTrue(message.contains("more characters not shown"), start);
      List<String> texts = new ArrayList<>(List.of(r.out(), r.err()));
      try (Stream<Path> all = Files.walk(h.logs())) {
        for (Path p : all.filter(Files::isRegularFile).toList()) {
          if (!p.getFileName().toString().equals("input.csv")) {
            texts.add(Files.readString(p, StandardCharsets.ISO_8859_1));
          }
        }
      }
      for (String text : texts) {
        assertFalse(text.contains(apiKey), "the API key shows");
        assertFalse(text.contains(smtpPassword), "the SMTP password shows");
      }
    }
  }
}
