package org.titansync.app;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.titansync.config.ConfigLoader;

/**
 * The two slowest one-time preparations of a command, made on a thread of their own as it starts,
 * so that they overlap the reading of its command line instead of coming after it: the TOML
 * parser's tables (about 0.13 s, needed to read the config) and the JVM's default TLS context
 * (about 0.2 s, with the trusted certificates; the JDK's HTTP client makes it when a Titan client
 * is built, even for an http:// URL). Whoever needs one first either finds it made or waits for the
 * rest of it; nothing is made twice. Measured in docs/benchmarks.md ("Start-up").
 */
public final class StartUpWarmUp {
  private StartUpWarmUp() {}

  public static void start() {
    Thread warm =
        new Thread(
            () -> {
              // In the order the command needs them: its config first, then its Titan client.
              ConfigLoader.prepareParser();
              try {
                SSLContext.getDefault();
              } catch (NoSuchAlgorithmException e) {
                // The Titan client's own making of it fails again, and says so where it is used.
              }
            },
            "titan-sync-warm-up");
    warm.setDaemon(true);
    warm.start();
  }
}
