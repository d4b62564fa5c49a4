package org.titansync.sftp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Which listed remote files are whole and may be fetched. A file is fetched only when it is a
 * regular file (a link is never followed), under a name an upload in progress never has (no
 * temporary or hidden name), with its done-file beside it when done-files are on, within {@code
 * [csv] max_file_mb} by its listed size, and when its listed size and time have stayed the same for
 * {@code sftp.stable_polls} polls in a row spanning {@code daemon.quiet_seconds} on this process's
 * own clock. (The last is a heuristic a long pause in an upload defeats: a done-file or an upload
 * under a temporary name is the guarantee; docs/operations.md says what the SIS must do.)
 */
final class RemoteFileFilter {
  /** What becomes of one listed entry at this poll. */
  enum Verdict {
    /** A folder, a temporary or hidden name, a done-file: not an export. */
    SKIP,
    /** A link, FIFO or device: never fetched. */
    NOT_REGULAR,
    /** Not settled yet, or its done-file is not there yet. */
    WAIT,
    /** Larger than max_file_mb by its listed size: never downloaded. */
    TOO_BIG,
    /** Whole, as far as titan-sync can tell. */
    READY
  }

  private record Sighting(String signature, long sinceNanos, int polls) {}

  private final Pattern ignored;
  private final String doneSuffix;
  private final long maxBytes;
  private final long quietNanos;
  private final int stablePolls;
  private final LongSupplier nanoClock;
  private final Map<String, Sighting> seen = new HashMap<>();

  RemoteFileFilter(
      Pattern ignored,
      String doneSuffix,
      long maxBytes,
      long quietMillis,
      int stablePolls,
      LongSupplier nanoClock) {
    this.ignored = ignored;
    this.doneSuffix = doneSuffix;
    this.maxBytes = maxBytes;
    this.quietNanos = quietMillis * 1_000_000L;
    this.stablePolls = stablePolls;
    this.nanoClock = nanoClock;
  }

  /**
   * The verdict on {@code entry} at this poll, keyed by {@code key} (its path); {@code listed}
   * holds every name of its folder, for the done-file.
   */
  Verdict judge(String key, RemoteEntry entry, Set<String> listed) {
    String name = entry.name();
    if (entry.kind() == RemoteEntry.Kind.FOLDER
        || ignored.matcher(name).matches()
        || (!doneSuffix.isEmpty() && name.endsWith(doneSuffix))) {
      return Verdict.SKIP;
    }
    if (entry.kind() != RemoteEntry.Kind.FILE) {
      return Verdict.NOT_REGULAR;
    }
    if (entry.size() > maxBytes) {
      return Verdict.TOO_BIG;
    }
    if (!doneSuffix.isEmpty() && !listed.contains(name + doneSuffix)) {
      seen.remove(key);
      return Verdict.WAIT;
    }
    return settled(key, entry.signature()) ? Verdict.READY : Verdict.WAIT;
  }

  /** True once {@code key} showed {@code signature} in enough polls over the quiet period. */
  boolean settled(String key, String signature) {
    long now = nanoClock.getAsLong();
    Sighting before = seen.get(key);
    if (before == null || !before.signature().equals(signature)) {
      seen.put(key, new Sighting(signature, now, 1));
      return stablePolls <= 1 && quietNanos <= 0;
    }
    Sighting after = new Sighting(signature, before.sinceNanos(), before.polls() + 1);
    seen.put(key, after);
    return after.polls() >= stablePolls && now - after.sinceNanos() >= quietNanos;
  }

  /** Starts over for {@code key}: it must settle again before it is fetched. */
  void forget(String key) {
    seen.remove(key);
  }

  /** Forgets the files no longer listed (fetched, or taken away by hand). */
  void keepOnly(Set<String> keys) {
    seen.keySet().retainAll(new HashSet<>(keys));
  }
}
