package org.titansync.plan;

import java.util.Map;
import java.util.Set;

/**
 * How one run changes what titan-sync owns in a Titan, each part external_id -> site id -> role
 * ids. The shell writes it into the audit log (ahead of the run's first write, so that a run killed
 * mid-way still owns what it named and may have granted) and into its record.
 *
 * @param adopted at the first run against a Titan: everything people with an external_id held
 * @param named what the file names that was not owned yet (a grant of this run among it), or, for a
 *     revert, the roles it puts back
 * @param released what was owned and Titan no longer holds (removed by a run, or by hand), unless
 *     the file names it
 */
public record OwnershipDelta(
    Map<String, Map<String, Set<String>>> adopted,
    Map<String, Map<String, Set<String>>> named,
    Map<String, Map<String, Set<String>>> released) {

  public static final OwnershipDelta NONE = new OwnershipDelta(Map.of(), Map.of(), Map.of());

  public OwnershipDelta {
    adopted = Map.copyOf(adopted);
    named = Map.copyOf(named);
    released = Map.copyOf(released);
  }

  /** True when the run changes nothing in the record. */
  public boolean isEmpty() {
    return adopted.isEmpty() && named.isEmpty() && released.isEmpty();
  }
}
