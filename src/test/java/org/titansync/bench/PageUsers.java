package org.titansync.bench;

import java.net.URI;
import java.time.Duration;
import org.titansync.titan.TitanClient;

/**
 * The floor for a snapshot read: a bare client that only pages through every user and counts them,
 * with the same page size titan-sync uses.
 *
 * <pre>java -cp target/test-classes:target/titan-sync.jar org.titansync.bench.PageUsers URL KEY
 * </pre>
 */
public final class PageUsers {
  private PageUsers() {}

  public static void main(String[] args) throws Exception {
    TitanClient client =
        new TitanClient(URI.create(args[0]), () -> args[1], Duration.ofSeconds(60), 500);
    long t0 = System.nanoTime();
    boolean snapshot = args.length > 2 && "--snapshot".equals(args[2]);
    int n = snapshot ? client.readSnapshot().users().size() : client.countUsers();
    System.out.printf(
        "%s %d users in %.2f s%n", snapshot ? "read" : "paged", n, (System.nanoTime() - t0) / 1e9);
  }
}
