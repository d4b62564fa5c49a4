package org.titansync.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.titansync.testing.Await;

/**
 * The OpenSSH tests' account ({@value OpenSshServer#USER}) is the machine's, not the test JVM's:
 * another JVM that starts a server (a second surefire fork, another build on the same machine) sets
 * its own password on it and deletes it when done, under a server still in use here. So a JVM holds
 * this lock file for as long as it has a server up. Within one JVM the servers share the account
 * and its password: the first takes the lock, the last lets it go.
 */
final class OpenSshAccountLock {
  private static final Path FILE = Path.of("/var/lib/titan-sync-tests/openssh-account.lock");

  /** Bound for a JVM that never lets go; another build's OpenSSH tests take about two minutes. */
  private static final Duration WAIT = Duration.ofMinutes(10);

  private static int holders;
  private static FileChannel channel;
  private static FileLock lock;

  private OpenSshAccountLock() {}

  /** Takes the account for this JVM, waiting while another JVM has it. */
  static synchronized void acquire() throws IOException {
    if (holders == 0) {
      Files.createDirectories(FILE.getParent());
      FileChannel c = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock[] taken = new FileLock[1];
      try {
        Await.until(
            "the OpenSSH test account, held by another test JVM (" + FILE + ")",
            WAIT,
            () -> {
              try {
                taken[0] = c.tryLock();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return taken[0] != null;
            });
      } catch (RuntimeException | AssertionError e) {
        c.close();
        throw e;
      }
      channel = c;
      lock = taken[0];
    }
    holders++;
  }

  /** Lets the account go once this JVM's last server is closed. */
  static synchronized void release() throws IOException {
    if (holders == 0) {
      return;
    }
    holders--;
    if (holders == 0) {
      try {
        lock.release();
      } finally {
        channel.close();
        lock = null;
        channel = null;
      }
    }
  }
}
