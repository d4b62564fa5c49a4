package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.cli.ExitCode;

/**
 * Issue 21 through the real command line against the sandbox: when titan-sync's memory of its Titan
 * (logs/memory/) cannot be read, it cannot tell what it owns there nor who is missing since when,
 * so the run is held whole and nothing is written; moved aside, the memory is rebuilt from the
 * audit log and the next run goes ahead.
 */
class UnreadableMemoryEndToEndTest {
  @TempDir Path dir;

  @Test
  void aDamagedMemoryHoldsTheRunAndMovedAsideItIsRebuiltFromTheAuditLog() throws Exception {
    try (CliHarness h = CliHarness.start(dir)) {
      CliHarness.Result first = h.run("sync", CliHarness.sample().toString());
      assertEquals(0, first.exit(), first.out() + first.err());
      Path memory = onlyMemoryFile(h);
      Files.writeString(memory, "{\"titan\": \"half a file");
      Path leaver = h.sampleWith("leaver.csv", (i, row) -> !row.startsWith("E1002,"));
      h.sandbox().resetCounters();

      CliHarness.Result held = h.run("sync", leaver.toString());

      assertEquals(ExitCode.HELD, held.exit(), held.out() + held.err());
      assertEquals(0, h.sandbox().writeCount(), "nothing is written while the memory is unknown");
      assertFalse(
          CliHarness.siteIds(h.user("E1002")).isEmpty(), "the leaver keeps everything for now");
      String report = Files.readString(h.runDir(held.runId()).resolve("report.txt"));
      assertTrue(report.contains("titan-sync cannot tell what it owns in Titan"), report);
      assertTrue(report.contains(memory.toString()), "the report names the file: " + report);

      Files.move(memory, memory.resolveSibling(memory.getFileName() + ".damaged"));
      CliHarness.Result after = h.run("sync", leaver.toString());

      assertEquals(0, after.exit(), after.out() + after.err());
      assertEquals(List.of(), CliHarness.siteIds(h.user("E1002")), "the leaver holds nothing");
      assertTrue(Files.isRegularFile(memory), "the memory is written again after the run");
    }
  }

  private static Path onlyMemoryFile(CliHarness h) throws Exception {
    try (Stream<Path> files = Files.list(h.logs().resolve("memory"))) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, json.size(), json.toString());
      return json.get(0);
    }
  }
}
