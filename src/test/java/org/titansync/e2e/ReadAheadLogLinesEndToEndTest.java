package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot sync reads the export and Titan before its run has an id (they start beside Camel's
 * start); the lines that say what was read still carry the run's id, once each, as every other line
 * of the run does.
 */
class ReadAheadLogLinesEndToEndTest {
  private static final Pattern LAST_LINE =
      Pattern.compile("titan-sync: run (\\d{8}-\\d{6}-[0-9a-f]{4}): (applied|held)");

  @TempDir Path dir;

  @Test
  void theLinesOfTheReadsStartedBeforeTheRunCarryItsId() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      Path log = dir.resolve("sync.log");
      Process child =
          ChildSync.start(h, CliHarness.sample(), log, Map.of("TITAN_SYNC_LOG_LEVEL", "INFO"));
      assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the sync did not end");
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, child.exitValue(), text);
      Matcher last = LAST_LINE.matcher(text);
      assertTrue(last.find(), text);
      String tag = "[" + last.group(1) + "]";

      List<String> export =
          text.lines().filter(l -> l.contains("ReadExportStage: read staff.csv (CSV)")).toList();
      List<String> titan =
          text.lines().filter(l -> l.contains("ReadTitanStage: read Titan: ")).toList();
      assertEquals(1, export.size(), text);
      assertEquals(1, titan.size(), text);
      assertTrue(export.get(0).contains(tag + " o.t.p.ReadExportStage"), export.get(0));
      assertTrue(titan.get(0).contains(tag + " o.t.p.ReadTitanStage"), titan.get(0));
    }
  }

  @Test
  void theErrorOfADamagedMemoryReadAheadCarriesTheRunsId() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      assertEquals(0, h.run("sync", CliHarness.sample().toString()).exit());
      Path memory;
      try (var files = Files.list(h.logs().resolve("memory"))) {
        memory = files.findFirst().orElseThrow();
      }
      Files.writeString(memory, "{\"titan\": \"half a file");

      Path log = dir.resolve("sync.log");
      Process child = ChildSync.start(h, CliHarness.sample(), log, Map.of());
      assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the sync did not end");
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(3, child.exitValue(), text);
      Matcher last = LAST_LINE.matcher(text);
      assertTrue(last.find(), text);
      List<String> errors = text.lines().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(1, errors.size(), text);
      assertTrue(
          errors.get(0).contains("[" + last.group(1) + "] o.t.p.ReadMemoryStage: "), errors.get(0));
      assertTrue(errors.get(0).contains(memory.getFileName().toString()), errors.get(0));
    }
  }
}
