package org.titansync.sftp;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The files whose move (or deletion) on the server was refused: such a file never reaches the
 * inbox, and it is not downloaded again until it changes or {@link #RETRY_NANOS} passed, in case
 * its folder was made writable meanwhile (a new try costs only bandwidth: the file reaches the
 * inbox only after its move worked).
 */
final class RefusedMoves {
  private static final long RETRY_NANOS = TimeUnit.MINUTES.toNanos(15);

  /** The size and time of the file whose move was refused, when, and why (for readiness). */
  private record Refused(String signature, long atNanos, String why) {}

  private final Map<String, Refused> refused = new HashMap<>();
  private final LongSupplier nanoClock;

  RefusedMoves(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Why the file, as it is now, is still left alone; null when it may be taken. */
  String stillRefused(String path, RemoteEntry entry) {
    Refused was = refused.get(path);
    return was != null
            && was.signature().equals(entry.signature())
            && nanoClock.getAsLong() - was.atNanos() < RETRY_NANOS
        ? was.why()
        : null;
  }

  /** Records a refused move; true when it is news (not this same file refused before). */
  boolean refused(String path, RemoteEntry entry, String why) {
    Refused was = refused.put(path, new Refused(entry.signature(), nanoClock.getAsLong(), why));
    return was == null || !was.signature().equals(entry.signature());
  }

  /** Forgets the files the poll no longer sees. */
  void keepOnly(Set<String> keys) {
    refused.keySet().retainAll(keys);
  }
}
