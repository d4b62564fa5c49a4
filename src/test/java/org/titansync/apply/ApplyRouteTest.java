package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.RouteTestSetup;
import org.titansync.plan.InMemoryTitan;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * The apply route (routes/apply.camel.yaml) against an in-memory Titan through the port, whose
 * first answers are lost after the write was made: a write whose answer is lost is redelivered
 * whole, from the start of route titan-write (prepare, then send), and every change ends done once,
 * with no duplicate.
 */
@CamelMainTest(properties = RouteTestSetup.ONE_SHOT_ROUTES, mockEndpoints = "direct:titan-write")
class ApplyRouteTest {
  private static final int LOST = 5;

  @TempDir Path dir;

  private InMemoryTitan titan;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @EndpointInject("mock:direct:titan-write")
  MockEndpoint attempts;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    titan = RouteTestSetup.sampleTitan();
    titan.loseAnswers(LOST);
    RouteTestSetup.addPipeline(
        main,
        RouteTestSetup.inMemoryConfig(
            dir, "max_concurrency = 1\n[retry]\ninitial_delay_ms = 5\nmax_delay_ms = 50\n"),
        titan);
  }

  @Test
  void aWriteWhoseAnswerIsLostIsReplayedWholeUntilEveryChangeIsDone() throws Exception {
    RunSummary run =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.APPLIED, run.status(), run.message());
    int changes = run.plan().changes().size();
    assertTrue(
        attempts.getReceivedCounter() >= changes + LOST,
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
    // Planning again against what Titan holds now: nothing left to do.
    assertEquals(
        0,
        sync.requestBody(
                SyncRequest.sync(RouteTestSetup.SAMPLE, true, SyncRequest.Trigger.CLI),
                RunSummary.class)
            .plan()
            .changes()
            .size());
  }
}
