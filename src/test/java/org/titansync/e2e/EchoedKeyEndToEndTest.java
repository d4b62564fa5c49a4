package org.titansync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.sandbox.SandboxOptions;

/**
 * A Titan that refuses each write with an error that echoes the request's Authorization header: the
 * key must not reach the run's reports, result.json, the audit log or the command's output.
 */
class EchoedKeyEndToEndTest {
  @TempDir Path dir;

  @Test
  void anErrorThatEchoesTheKeyLeavesNoTraceOfIt() throws Exception {
    try (CliHarness h =
        CliHarness.start(
            dir, SandboxOptions.defaults().withSeedFile(ApplyEndToEndTest.seedFile(dir)))) {
      h.extraConfig(ApplyEndToEndTest.NO_BRAKES);
      String key = SandboxOptions.DEFAULT_API_KEY;
      try (TitanFront front =
          new TitanFront(
              h.sandbox().baseUrl(),
              exchange ->
                  new TitanFront.Reply(
                      422,
                      "{\"error\": {\"code\": \"invalid\", \"message\": \"header was "
                          + exchange.getRequestHeaders().getFirst("Authorization")
                          + "\", \"details\": {\"fields\": {\"token\": \""
                          + key
                          + "\"}}}}"))) {
        String config = Files.readString(h.config(), StandardCharsets.UTF_8);
        Files.writeString(
            h.config(),
            config.replace(h.sandbox().baseUrl(), front.baseUrl()),
            StandardCharsets.UTF_8);

        CliHarness.Result r =
            h.run("sync", h.csv("staff.csv", Staff.csv(Staff.people(5, 3))).toString());

        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(front.writes() > 0);
        assertFalse((r.out() + r.err()).contains(key), r.out() + r.err());
        Path run = h.lastRun();
        String report = Files.readString(run.resolve("report.txt"));
        assertTrue(report.contains("header was Bearer ***"), report);
        for (Path f : List.of(run.resolve("report.html"), run.resolve("result.json"))) {
          assertFalse(Files.readString(f).contains(key), f.toString());
        }
        assertFalse(report.contains(key), report);
        try (Stream<Path> logs = Files.walk(h.logs())) {
          for (Path f : logs.filter(Files::isRegularFile).toList()) {
            assertFalse(
                new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(key),
                f.toString());
          }
        }
      }
    }
  }
}
