package org.titansync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * Several Titans in one JVM for the many-district benchmarks: {@code COUNT} sandboxes on the ports
 * from {@code FIRST_PORT} up, each its own state (seeded from the same file, empty or not), each
 * allowing {@code RPS} requests a second with rate headers. One JVM instead of one per Titan, so
 * that twenty Titans on a small machine do not spend its cores on twenty JVMs' start-up, compilers
 * and collectors: the benchmark measures titan-sync, not the machine's room for JVMs.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.Sandboxes FIRST_PORT
 *   COUNT SEED_JSON RPS
 * </pre>
 *
 * Prints one line per sandbox, then runs until killed.
 */
public final class Sandboxes {
  private Sandboxes() {}

  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    Path seed = Path.of(args[2]);
    int rps = Integer.parseInt(args[3]);
    List<SandboxServer> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SandboxServer server =
          SandboxServer.start(
              SandboxOptions.defaults()
                  .withPort(first + i)
                  .withSeedFile(seed)
                  .withRps(rps)
                  .withRateHeaders(true));
      servers.add(server);
      System.out.println("Titan sandbox listening at " + server.baseUrl());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  servers.forEach(SandboxServer::close);
                  stopped.countDown();
                }));
    stopped.await();
  }
}
