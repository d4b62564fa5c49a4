package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's own routes/ folder beside the config replaces the shipped routes: a step added to
 * the sync route there runs for every run, `sync --dry-run` included (no dry run bypasses Camel).
 */
class OperatorRouteDryRunEndToEndTest {
  @TempDir Path dir;

  @Test
  void aStepAddedToTheSyncRouteRunsForADryRun() throws Exception {
    Path seen = dir.resolve("seen");
    try (CliHarness h = CliHarness.start(dir)) {
      Path routes = Files.createDirectories(dir.resolve("routes"));
      try (var shipped = Files.list(Path.of("routes"))) {
        for (Path file : shipped.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
          Files.copy(file, routes.resolve(file.getFileName()));
        }
      }
      addStepBeforeNotify(routes.resolve("sync.camel.yaml"));
      // The added step: a file named after the run, and the run's summary left as it was.
      Files.writeString(
          routes.resolve("operator.camel.yaml"),
          """
          - route:
              id: operator-step
              from:
                uri: direct:operator-step
                steps:
                  - setProperty:
                      name: operatorKept
                      simple: "${body}"
                  - setBody:
                      simple: "${body.runId} ${body.dryRun}"
                  - to: "file:%s?fileName=${body.split(' ')[0]}.seen"
                  - setBody:
                      simple: "${exchangeProperty.operatorKept}"
          """
              .formatted(seen.toAbsolutePath()));

      CliHarness.Result r = h.run("sync", CliHarness.sample().toString(), "--dry-run");

      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.lastLine().contains("dry run: would make"), r.lastLine());
      assertEquals(0, h.sandbox().writeCount(), "a dry run must not write");
      Path mark = seen.resolve(r.runId() + ".seen");
      assertTrue(
          Files.isRegularFile(mark),
          "the operator's step did not run: " + listing(seen) + "\n" + r.out() + r.err());
      assertEquals(r.runId() + " true", Files.readString(mark));
      // The summary the step handed on is the run's: its reports are all there.
      assertTrue(Files.isRegularFile(h.runDir(r.runId()).resolve("result.json")));
    }
  }

  private static String listing(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return "no " + folder;
    }
    try (var files = Files.list(folder)) {
      return files.toList().toString();
    }
  }

  /** Inserts {@code - to: direct:operator-step} before the sync route's {@code direct:notify}. */
  private static void addStepBeforeNotify(Path sync) throws IOException {
    List<String> lines = Files.readAllLines(sync);
    List<String> out = new ArrayList<>();
    boolean added = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (!added && (trimmed.equals("- to: direct:notify") || trimmed.equals("- to:"))) {
        boolean notify =
            trimmed.equals("- to: direct:notify")
                || lines.subList(i + 1, Math.min(i + 3, lines.size())).stream()
                    .anyMatch(l -> l.contains("uri: direct:notify"));
        if (notify) {
          String indent = line.substring(0, line.indexOf('-'));
          out.add(indent + "- to: direct:operator-step");
          added = true;
        }
      }
      out.add(line);
    }
    assertTrue(added, "no direct:notify step in " + sync);
    Files.write(sync, out);
  }
}
