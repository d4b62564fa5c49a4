package org.titansync.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Since when each district has had no leader, as this process sees it. Liveness fails when one has
 * gone without a leader for longer than the lease: camel-kubernetes 4.17.0 may stop renewing a
 * Lease after one failed renewal without saying so (CAMEL-25209), and then no process leads the
 * district until this one restarts.
 *
 * <p>A district that comes to be led here, or stops being led here, is logged, so that an operator
 * can tell from one process's log where each district ran and when it moved.
 */
public final class LeaderWatch {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderWatch.class);

  private final Leadership leadership;
  private final LongSupplier nanos;
  private final Map<String, Long> leaderlessSince = new TreeMap<>();
  private final Map<String, Boolean> ledHere = new TreeMap<>();

  public LeaderWatch(Leadership leadership, LongSupplier nanos) {
    this.leadership = leadership;
    this.nanos = nanos;
  }

  /** One look at every district in {@code districts} (district name, namespace). */
  public synchronized void look(Map<String, String> districts) {
    long now = nanos.getAsLong();
    leaderlessSince.keySet().retainAll(districts.keySet());
    ledHere.keySet().retainAll(districts.keySet());
    for (Map.Entry<String, String> district : districts.entrySet()) {
      Optional<Leadership.Seen> seen = leadership.look(district.getValue());
      boolean here = seen.map(Leadership.Seen::here).orElse(false);
      Boolean before = ledHere.put(district.getKey(), here);
      if (here != Boolean.TRUE.equals(before)) {
        LOG.info(
            "district {} {}",
            district.getKey(),
            here ? "is led by this process now" : "is no longer led by this process");
      }
      boolean led = here || seen.flatMap(Leadership.Seen::leader).isPresent();
      if (led) {
        leaderlessSince.remove(district.getKey());
      } else {
        leaderlessSince.putIfAbsent(district.getKey(), now);
      }
    }
  }

  /** Whether this process led the district at the last look. */
  public synchronized boolean ledHere(String district) {
    return ledHere.getOrDefault(district, false);
  }

  /** The districts led here at the last look. */
  public synchronized Set<String> ledHere() {
    Set<String> led = new java.util.TreeSet<>();
    ledHere.forEach(
        (name, here) -> {
          if (here) {
            led.add(name);
          }
        });
    return led;
  }

  /** The districts without a leader for longer than {@code limit}, by name. */
  public synchronized List<String> leaderless(Duration limit) {
    long now = nanos.getAsLong();
    return leaderlessSince.entrySet().stream()
        .filter(e -> now - e.getValue() > limit.toNanos())
        .map(Map.Entry::getKey)
        .toList();
  }
}
