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
import org.apache.camel.component.bean.BeanComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.SyncConfig;
import org.titansync.plan.InMemoryTitan;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * The sync route (routes/sync.camel.yaml) as Camel Main starts it, against an in-memory Titan
 * through the port: a plan the guardrails hold goes through direct:held, writes nothing and never
 * reaches direct:apply; a plan they let through reaches direct:apply and not direct:held. Both are
 * mocked (and still run) to count what reaches them.
 */
@CamelMainTest(
    properties = RouteTestSetup.ONE_SHOT_ROUTES,
    mockEndpoints = "direct:apply|direct:held")
class HeldPlanRouteTest {
  @TempDir Path dir;

  private InMemoryTitan titan;
  private SyncConfig config;

  @BeanInject CamelContext camel;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @EndpointInject("mock:direct:apply")
  MockEndpoint apply;

  @EndpointInject("mock:direct:held")
  MockEndpoint held;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    titan = RouteTestSetup.sampleTitan();
    config = RouteTestSetup.inMemoryConfig(dir, "");
    RouteTestSetup.addPipeline(main, config, titan);
  }

  /**
   * A daemon runs for months: no run leaves its values (its plan of every person) reachable from
   * Camel. Camel's bean language keyed a cache on the body for each {@code ${body.x}} question, so
   * each run added its plan and its run to that cache.
   */
  @Test
  void runsLeaveNothingOfTheirOwnInCamelsBeanCache() throws Exception {
    BeanComponent beans = camel.getComponent("bean", BeanComponent.class);
    RunSummary first =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);
    assertEquals(RunStatus.APPLIED, first.status(), first.message());
    int afterFirst = beans.getCurrentBeanCacheSize();
    for (int i = 0; i < 3; i++) {
      RunSummary again =
          sync.requestBody(
              SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
              RunSummary.class);
      assertEquals(RunStatus.NOTHING_TO_DO, again.status(), again.message());
    }
    assertEquals(
        afterFirst,
        beans.getCurrentBeanCacheSize(),
        "each run added entries to Camel's bean cache, keeping its values reachable");
  }

  @Test
  void aHeldPlanGoesToHeldAndNothingReachesApply() throws Exception {
    RunSummary first =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);
    assertEquals(RunStatus.APPLIED, first.status(), first.message());
    assertEquals(1, apply.getReceivedCounter(), "a plan the guardrails pass reaches apply");
    assertEquals(0, held.getReceivedCounter(), "a plan the guardrails pass is not held");
    assertTrue(titan.writes() > 0, "the first load wrote nothing");

    apply.reset();
    held.reset();
    int writes = titan.writes();
    NotifyBuilder heldDone =
        new NotifyBuilder(camel).from("direct:sync").wereSentTo("direct:held").whenDone(1).create();
    RunSummary second =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.cutSample(dir), false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.HELD, second.status(), second.message());
    assertTrue(heldDone.matches(10, TimeUnit.SECONDS), "the run did not go through direct:held");
    assertEquals(1, held.getReceivedCounter(), "the held run went through direct:held once");
    assertEquals(0, apply.getReceivedCounter(), "a held plan reached direct:apply");
    assertEquals(writes, titan.writes(), "a held run writes nothing");
    assertTrue(
        Files.isRegularFile(
            config.paths().logs().resolve("runs").resolve(second.runId()).resolve("hold.json")));
  }
}
