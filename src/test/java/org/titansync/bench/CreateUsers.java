package org.titansync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor for applying a first load: a bare client that creates the same people {@link District}
 * writes into its export (the same bodies a create of titan-sync sends: the person and their
 * memberships, with an Idempotency-Key), CONCURRENCY requests in flight, nothing else: no plan, no
 * audit, no rate gate, no retries.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.CreateUsers URL KEY
 *   N CONCURRENCY
 * </pre>
 */
public final class CreateUsers {
  private CreateUsers() {}

  public static void main(String[] args) throws Exception {
    URI users = URI.create(args[0] + "/users");
    String key = args[1];
    int n = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    long t0 = System.nanoTime();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  HttpRequest post =
                      HttpRequest.newBuilder(users)
                          .header("Authorization", "Bearer " + key)
                          .header("Content-Type", "application/json")
                          .header("Idempotency-Key", "bench-create-" + i)
                          .POST(HttpRequest.BodyPublishers.ofString(District.createBody(i)))
                          .build();
                  HttpResponse<String> answer =
                      http.send(post, HttpResponse.BodyHandlers.ofString());
                  if (answer.statusCode() != 201 && answer.statusCode() != 200) {
                    failed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    System.out.printf(
        "created %d users (%d refused) in %.2f s%n",
        n - failed.get(), failed.get(), (System.nanoTime() - t0) / 1e9);
  }
}
