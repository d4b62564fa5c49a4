package org.titansync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.app.RouteTestSetup;
import org.titansync.plan.Change;
import org.titansync.plan.InMemoryTitan;
import org.titansync.plan.SitesAndRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanFailure;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanUser;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;

/**
 * The apply route keeps {@code titan.max_concurrency} writes in flight, never more, and never fewer
 * while writes wait: as soon as one write is answered, its worker takes the next person, whatever
 * the other workers are waiting for. Each write here is held until the test lets it go, so what is
 * in flight is counted, never timed.
 */
@CamelMainTest(properties = RouteTestSetup.ONE_SHOT_ROUTES)
class ApplyWorkersRouteTest {
  private static final int WORKERS = 4;

  @TempDir Path dir;

  private HeldWrites titan;

  @Produce("direct:sync")
  ProducerTemplate sync;

  @Configure
  protected void configure(MainConfigurationProperties main) throws Exception {
    titan = new HeldWrites(RouteTestSetup.sampleTitan());
    RouteTestSetup.addPipeline(
        main, RouteTestSetup.inMemoryConfig(dir, "max_concurrency = " + WORKERS + "\n"), titan);
  }

  @Test
  void aWorkerWhoseWriteWasAnsweredTakesTheNextPersonWhileTheOthersStillWait() throws Exception {
    CompletableFuture<RunSummary> run =
        CompletableFuture.supplyAsync(
            () ->
                sync.requestBody(
                    SyncRequest.sync(RouteTestSetup.SAMPLE, false, SyncRequest.Trigger.CLI),
                    RunSummary.class));
    try {
      titan.await(n -> n == WORKERS, "the first writes");
      for (int i = 0; i < 3; i++) {
        // The oldest write is answered; the other three stay held.
        titan.releaseOldest();
        titan.await(n -> n == WORKERS, "a write after answer " + (i + 1));
      }
    } finally {
      titan.releaseAll();
    }
    RunSummary done = run.get(60, TimeUnit.SECONDS);
    assertEquals(RunStatus.APPLIED, done.status(), done.message());
    assertEquals(done.plan().changes().size(), titan.writes());
    assertEquals(WORKERS, titan.most(), "writes in flight at once (titan.max_concurrency)");
  }

  /** An in-memory Titan whose writes wait, each until it is let go. */
  private static final class HeldWrites implements TitanPort {
    private final InMemoryTitan titan;
    private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private volatile boolean holding = true;

    HeldWrites(InMemoryTitan titan) {
      this.titan = titan;
    }

    @Override
    public WriteOutcome write(Change change, String userId, String idempotencyKey)
        throws TitanFailure {
      CountDownLatch answer = new CountDownLatch(1);
      int now;
      synchronized (this) {
        now = inFlight.incrementAndGet();
        most.accumulateAndGet(now, Math::max);
        held.add(answer);
        notifyAll();
      }
      try {
        if (holding && !answer.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a write was held for a minute");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        synchronized (this) {
          inFlight.decrementAndGet();
          notifyAll();
        }
      }
      return titan.write(change, userId, idempotencyKey);
    }

    synchronized void await(IntPredicate inFlightNow, String what) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!inFlightNow.test(inFlight.get())) {
        long left = end - System.nanoTime();
        assertTrue(left > 0, what + ": " + inFlight.get() + " writes in flight after 20 s");
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    void releaseOldest() {
      held.get(released.getAndIncrement()).countDown();
    }

    void releaseAll() {
      holding = false;
      held.forEach(CountDownLatch::countDown);
    }

    int writes() {
      return held.size();
    }

    int most() {
      return most.get();
    }

    @Override
    public SitesAndRoles readSitesAndRoles() throws TitanFailure {
      return titan.readSitesAndRoles();
    }

    @Override
    public Snapshot readUsers(SitesAndRoles catalog, Consumer<TitanUser> each) throws TitanFailure {
      return titan.readUsers(catalog, each);
    }

    @Override
    public Optional<TitanUser> findByExternalId(String externalId) throws TitanFailure {
      return titan.findByExternalId(externalId);
    }

    @Override
    public Optional<TitanUser> findById(String userId) throws TitanFailure {
      return titan.findById(userId);
    }

    @Override
    public boolean takesIdempotencyKey(Change change) {
      return titan.takesIdempotencyKey(change);
    }

    @Override
    public Pace pace() {
      return titan.pace();
    }
  }
}
