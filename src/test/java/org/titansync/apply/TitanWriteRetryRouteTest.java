package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
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

/**
 * The titan-retry routeConfiguration (routes/apply.camel.yaml) replays a failed write whole: the
 * route titan-write again from its start (prepare, then send), and the same request to Titan with
 * the same Idempotency-Key. Redelivery delays shortened through the {@code titan.retry.*}
 * placeholders.
 */
@CamelMainTest(
    properties = {
      RouteTestSetup.ONE_SHOT_ROUTES,
      "titan.retry.initial_delay_ms=1",
      "titan.retry.max_delay_ms=5"
    })
class TitanWriteRetryRouteTest {
  @TempDir Path dir;

  private SandboxServer sandbox;
  private FailingWritesFront front;

  @BeanInject CamelContext camel;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    front = new FailingWritesFront(sandbox.baseUrl(), 2);
    // One worker: the writes reach Titan one after another, the failing one first.
    SyncConfig config =
        RouteTestSetup.config(
            dir,
            front.baseUrl(),
            sandbox.options().apiKey(),
            "max_requests_per_second = 1000\nmax_concurrency = 1\n");
    RouteTestSetup.addPipeline(main, config, TitanSyncApp.clientFor(config));
  }

  @AfterEach
  void stop() {
    front.close();
    sandbox.close();
  }

  @Test
  void aWriteThatFailsTwiceIsSentThreeTimesWholeWithTheSameIdempotencyKey() throws Exception {
    AdviceWith.adviceWith(camel, "titan-write", a -> a.weaveAddFirst().to("mock:write-started"));
    MockEndpoint started = camel.getEndpoint("mock:write-started", MockEndpoint.class);

    RunSummary run =
        sync.requestBody(
            SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
            RunSummary.class);

    assertEquals(RunStatus.APPLIED, run.status(), run.message());
    int changes = run.plan().changes().size();
    List<FailingWritesFront.Write> writes = front.writes();
    assertEquals(changes + 2, writes.size(), "each change once, the first creation twice more");
    int at = 0;
    while (!"POST".equals(writes.get(at).method())) {
      at++;
    }
    FailingWritesFront.Write first = writes.get(at);
    assertNotNull(first.idempotencyKey(), "a creation without an Idempotency-Key");
    for (int i = 1; i < 3; i++) {
      FailingWritesFront.Write again = writes.get(at + i);
      assertEquals(first.method(), again.method(), "attempt " + (i + 1));
      assertEquals(first.path(), again.path(), "attempt " + (i + 1));
      assertEquals(first.body(), again.body(), "attempt " + (i + 1));
      assertEquals(first.idempotencyKey(), again.idempotencyKey(), "attempt " + (i + 1));
    }
    assertEquals(
        List.of(500, 500, 201),
        List.of(writes.get(at).status(), writes.get(at + 1).status(), writes.get(at + 2).status()),
        "two failures, then the creation is taken");
    assertNotEquals(
        first.idempotencyKey(), writes.get(at + 3).idempotencyKey(), "the next write's key");

    // Route titan-write started three times with that change, once with each other one.
    assertEquals(changes + 2, started.getReceivedCounter());
    Object firstChange = started.getReceivedExchanges().get(at).getMessage().getBody();
    assertEquals(
        3,
        started.getReceivedExchanges().stream()
            .filter(e -> firstChange.equals(e.getMessage().getBody()))
            .count());
  }
}
