package org.titansync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * The sync route (routes/sync.camel.yaml) against the sandbox over HTTP, watched with AdviceWith,
 * MockEndpoint and NotifyBuilder: a plan the guardrails hold goes to direct:held and never reaches
 * the apply route; a plan they let through does.
 */
class SyncRouteTest {
  @TempDir Path dir;

  @Test
  void aHeldPlanGoesToHeldAndNeverReachesApply() throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
      Path file = dir.resolve("config.toml");
      Files.writeString(
          file,
          "[titan]\nbase_url = \""
              + sandbox.baseUrl()
              + "\"\napi_key = \""
              + sandbox.options().apiKey()
              + "\"\nmax_requests_per_second = 1000\ntimeout_seconds = 5\n"
              + "[retry]\ninitial_delay_ms = 20\nmax_delay_ms = 500\n",
          StandardCharsets.UTF_8);
      SyncConfig config = ConfigLoader.load(file, Map.of());
      Path sample = Path.of("samples/staff.csv").toAbsolutePath();
      List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
      Path cut = dir.resolve("cut.csv"); // the header and 33 of the 55 rows: held
      Files.write(cut, lines.subList(0, 34), StandardCharsets.UTF_8);

      try (TitanSyncApp app = TitanSyncApp.start(config)) {
        CamelContext camel = app.context();
        AdviceWith.adviceWith(camel, "apply", a -> a.weaveAddFirst().to("mock:apply"));
        AdviceWith.adviceWith(camel, "held", a -> a.weaveAddFirst().to("mock:held"));
        MockEndpoint apply = camel.getEndpoint("mock:apply", MockEndpoint.class);
        MockEndpoint held = camel.getEndpoint("mock:held", MockEndpoint.class);

        RunSummary first = app.sync(SyncRequest.sync(sample, false, SyncRequest.Trigger.CLI));
        assertEquals(RunStatus.APPLIED, first.status(), first.message());
        assertEquals(1, apply.getReceivedCounter());
        assertEquals(0, held.getReceivedCounter());

        sandbox.resetCounters();
        // The run's exchange goes from direct:sync through direct:held (same exchange).
        NotifyBuilder heldDone =
            new NotifyBuilder(camel)
                .from("direct:sync")
                .wereSentTo("direct:held")
                .whenDone(1)
                .create();
        RunSummary second = app.sync(SyncRequest.sync(cut, false, SyncRequest.Trigger.CLI));

        assertEquals(RunStatus.HELD, second.status(), second.message());
        assertTrue(heldDone.matches(5, TimeUnit.SECONDS), "the held route did not run");
        assertEquals(1, held.getReceivedCounter());
        assertEquals(1, apply.getReceivedCounter(), "a held plan reached the apply route");
        assertEquals(0, sandbox.writeCount(), "a held run writes nothing");
        assertTrue(
            Files.isRegularFile(
                config
                    .paths()
                    .logs()
                    .resolve("runs")
                    .resolve(second.runId())
                    .resolve("hold.json")));
      }
    }
  }
}
