package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.RouteTestSetup;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.SyncConfig;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;
import org.titansync.titan.RateGate;

/**
 * The apply route paces its writes through the run's one rate gate: with a gate of 200 requests a
 * second, the gate gives one turn per write the apply route sends, and one per request of the whole
 * run. Counts only, never time.
 */
@CamelMainTest(properties = RouteTestSetup.ONE_SHOT_ROUTES)
class RateGateRouteTest {
  static final int PER_SECOND = 200;

  @TempDir Path dir;

  private SandboxServer sandbox;
  private final RateGate gate = new RateGate(PER_SECOND, PER_SECOND);

  @BeanInject CamelContext camel;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    SyncConfig config =
        RouteTestSetup.config(
            dir,
            sandbox.baseUrl(),
            sandbox.options().apiKey(),
            "max_requests_per_second = " + PER_SECOND + "\n");
    RouteTestSetup.addPipeline(main, config, TitanSyncApp.clientFor(config, gate));
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  @Test
  void everyWriteOfTheApplyRouteTakesOneTurnOfTheGate() throws Exception {
    AtomicLong turnsBefore = new AtomicLong();
    AtomicLong turnsAfter = new AtomicLong();
    AtomicLong writesBefore = new AtomicLong();
    AtomicLong writesAfter = new AtomicLong();
    AdviceWith.adviceWith(
        camel,
        "apply",
        a -> {
          a.weaveAddFirst()
              .process(
                  e -> {
                    turnsBefore.set(gate.turns());
                    writesBefore.set(sandbox.writeCount());
                  });
          a.weaveAddLast()
              .process(
                  e -> {
                    turnsAfter.set(gate.turns());
                    writesAfter.set(sandbox.writeCount());
                  });
        });

    RunSummary run =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.APPLIED, run.status(), run.message());
    long writes = writesAfter.get() - writesBefore.get();
    assertEquals(run.plan().changes().size(), writes, "one write per change");
    assertEquals(writes, turnsAfter.get() - turnsBefore.get(), "turns of the gate during apply");
    assertEquals(sandbox.requestCount(), gate.turns(), "every request of the run took a turn");
    assertTrue(gate.rate() <= PER_SECOND, "the pace stays under the ceiling: " + gate.rate());
  }
}
