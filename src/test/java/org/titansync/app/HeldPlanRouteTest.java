package org.titansync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * The sync route (routes/sync.camel.yaml) as Camel Main starts it, against the sandbox: a plan the
 * guardrails hold goes through direct:held and never reaches direct:apply, which is mocked (and
 * still runs) to count what reaches it.
 */
@CamelMainTest(properties = RouteTestSetup.ONE_SHOT_ROUTES, mockEndpoints = "direct:apply")
class HeldPlanRouteTest {
  @TempDir Path dir;

  private SandboxServer sandbox;
  private SyncConfig config;

  @BeanInject CamelContext camel;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @EndpointInject("mock:direct:apply")
  MockEndpoint apply;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    config =
        RouteTestSetup.config(
            dir, sandbox.baseUrl(), sandbox.options().apiKey(), "max_requests_per_second = 1000\n");
    RouteTestSetup.addPipeline(main, config, TitanSyncApp.clientFor(config));
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  @Test
  void aHeldPlanGoesToHeldAndNothingReachesApply() throws Exception {
    RunSummary first =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);
    assertEquals(RunStatus.APPLIED, first.status(), first.message());
    assertEquals(1, apply.getReceivedCounter(), "a plan the guardrails pass reaches apply");

    apply.reset();
    long writes = sandbox.writeCount();
    NotifyBuilder held =
        new NotifyBuilder(camel).from("direct:sync").wereSentTo("direct:held").whenDone(1).create();
    RunSummary second =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.cutSample(dir), false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.HELD, second.status(), second.message());
    assertTrue(held.matches(10, TimeUnit.SECONDS), "the run did not go through direct:held");
    assertEquals(0, apply.getReceivedCounter(), "a held plan reached direct:apply");
    assertEquals(writes, sandbox.writeCount(), "a held run writes nothing");
    assertTrue(
        Files.isRegularFile(
            config.paths().logs().resolve("runs").resolve(second.runId()).resolve("hold.json")));
  }
}
