package org.titansync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor for a cycle of no-op runs over many districts: {@link PageUsers}'s bare read (every
 * site, role and user paged, every line of the export split beside it) once per district, {@code
 * CONCURRENCY} districts at once, as {@code run --districts} with {@code districts.concurrency}.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.PageDistricts URL KEY
 *   CSV DISTRICTS CONCURRENCY
 * </pre>
 */
public final class PageDistricts {
  private PageDistricts() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    String key = args[1];
    Path csv = Path.of(args[2]);
    int districts = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int d = 0; d < districts; d++) {
        done.add(pool.submit(() -> oneDistrict(base, key, csv)));
      }
      int users = 0;
      for (Future<Integer> f : done) {
        users += f.get();
      }
      System.out.printf(
          "paged %d districts (%d users), %d at once, in %.2f s%n",
          districts, users, concurrency, (System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One district's floor: its three listings paged while its export is split on another thread. */
  private static int oneDistrict(URI base, String key, Path csv) throws Exception {
    Thread reader = new Thread(() -> PageUsers.csvRows(csv));
    reader.start();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    int users = 0;
    for (String path : List.of("/sites", "/roles", "/users")) {
      int[] counted = PageUsers.read(http, base, key, path);
      if ("/users".equals(path)) {
        users = counted[0];
      }
    }
    reader.join();
    return users;
  }
}
