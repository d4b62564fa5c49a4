package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * The apply route (routes/apply.camel.yaml) against a sandbox that fails writes: a failed write is
 * redelivered whole, from the start of route titan-write (prepare, then send), until it is done.
 */
class ApplyRouteTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteIsReplayedWholeUntilEveryChangeIsDone() throws Exception {
    try (SandboxServer sandbox =
        SandboxServer.start(SandboxOptions.defaults().withPort(0).withRandomSeed(15))) {
      Path file = dir.resolve("config.toml");
      // One worker: the sandbox's dice then fall in the same order at every run of the test.
      Files.writeString(
          file,
          "[titan]\nbase_url = \""
              + sandbox.baseUrl()
              + "\"\napi_key = \""
              + sandbox.options().apiKey()
              + "\"\nmax_requests_per_second = 1000\nmax_concurrency = 1\ntimeout_seconds = 5\n"
              + "[retry]\ninitial_delay_ms = 5\nmax_delay_ms = 50\n",
          StandardCharsets.UTF_8);
      SyncConfig config = ConfigLoader.load(file, Map.of());

      try (TitanSyncApp app = TitanSyncApp.start(config)) {
        CamelContext camel = app.context();
        // Titan is read cleanly; from the first write on, 30% of the requests answer 500.
        AdviceWith.adviceWith(
            camel, "apply", a -> a.weaveAddFirst().process(e -> sandbox.setFaults(0.3, 0)));
        AdviceWith.adviceWith(camel, "titan-write", a -> a.weaveAddFirst().to("mock:attempt"));
        MockEndpoint attempts = camel.getEndpoint("mock:attempt", MockEndpoint.class);

        RunSummary run =
            app.sync(
                SyncRequest.sync(
                    Path.of("samples/staff.csv").toAbsolutePath(), false, SyncRequest.Trigger.CLI));

        assertEquals(RunStatus.APPLIED, run.status(), run.message());
        int changes = run.plan().changes().size();
        assertTrue(
            attempts.getReceivedCounter() > changes,
            "no write was replayed from the start of titan-write: "
                + attempts.getReceivedCounter()
                + " attempts for "
                + changes
                + " changes");
        // Each attempt of a change starts titan-write with the same change.
        assertEquals(
            changes,
            attempts.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody())
                .distinct()
                .count());
      }
    }
  }
}
