package org.titansync.sftp;

import com.jcraft.jsch.SftpException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The files moved to .fetched/ in the last day, watched: one that changes after it was taken was
 * still being written by the SIS (a pause in the upload longer than the quiet period), so the end
 * of the upload would be lost on the server. {@link SftpSource} fetches its whole copy again once
 * it settles.
 */
final class FetchedWatch {
  private static final long WATCH_NANOS = TimeUnit.HOURS.toNanos(24);

  /** A bound on what one process remembers: an SIS that uploads thousands of files a day. */
  private static final int MAX_WATCHED = 200;

  /** A file moved to .fetched/: its name in the inbox, its size and time when taken, until when. */
  private record Watched(String name, String signature, long untilNanos) {}

  /**
   * A watched file that changed since it was taken.
   *
   * @param path its path on the server, in .fetched/
   * @param name the name it was taken into the inbox with
   * @param entry what the server says of it now
   */
  record Grown(String path, String name, RemoteEntry entry) {}

  private final Map<String, Watched> watched = new HashMap<>();
  private final LongSupplier nanoClock;

  FetchedWatch(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** A file was taken and moved to {@code movedTo}: watch it for a day. */
  void taken(String movedTo, RemoteEntry entry) {
    if (watched.size() < MAX_WATCHED) {
      watched.put(
          movedTo,
          new Watched(entry.name(), entry.signature(), nanoClock.getAsLong() + WATCH_NANOS));
    }
  }

  /**
   * Looks at every watched file on the server: forgets those gone, no longer plain files or past
   * their day; adds the others' paths to {@code keys} (what the poll still sees); returns those
   * that changed since they were taken.
   */
  List<Grown> changed(SftpSession s, Set<String> keys) {
    long now = nanoClock.getAsLong();
    List<Grown> grown = new ArrayList<>();
    for (Map.Entry<String, Watched> w : new ArrayList<>(watched.entrySet())) {
      String path = w.getKey();
      Watched was = w.getValue();
      RemoteEntry entry;
      try {
        entry = now - was.untilNanos() > 0 ? null : s.stat(path);
      } catch (SftpException e) {
        entry = null;
      }
      if (entry == null || entry.kind() != RemoteEntry.Kind.FILE) {
        watched.remove(path);
        continue;
      }
      keys.add(path);
      if (!entry.signature().equals(was.signature())) {
        grown.add(new Grown(path, was.name(), entry));
      }
    }
    return grown;
  }

  /** The whole of a grown file reached the inbox: it is watched from its new size on. */
  void refetched(Grown grown) {
    watched.computeIfPresent(
        grown.path(),
        (path, was) -> new Watched(was.name(), grown.entry().signature(), was.untilNanos()));
  }
}
