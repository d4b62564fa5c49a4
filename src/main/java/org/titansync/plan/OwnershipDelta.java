package org.titansync.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

  /**
   * What a run's writes took away, released as they are made: a site taken by a write Titan made is
   * no longer titan-sync's, so a person who moved schools and is put back there by hand keeps it. A
   * write whose answer never came is not released here: the next run sees whether Titan still holds
   * it.
   *
   * @param made the changes Titan made
   */
  public static OwnershipDelta takenBy(Iterable<Change> made) {
    Map<String, Map<String, Set<String>>> taken = new HashMap<>();
    for (Change c : made) {
      Set<String> roles = Set.of();
      String siteId = null;
      if (c instanceof RemoveMembership r) {
        siteId = r.siteId();
        roles = Set.copyOf(r.before().roleIds());
      } else if (c instanceof SetRoles s) {
        siteId = s.siteId();
        Set<String> gone = new HashSet<>(s.beforeRoleIds());
        gone.removeAll(s.after().roleIds());
        roles = Set.copyOf(gone);
      }
      if (!roles.isEmpty()) {
        taken.computeIfAbsent(c.externalId(), k -> new TreeMap<>()).put(siteId, roles);
      }
    }
    Map<String, Map<String, Set<String>>> frozen = new HashMap<>();
    taken.forEach((person, sites) -> frozen.put(person, Map.copyOf(sites)));
    return new OwnershipDelta(Map.of(), Map.of(), frozen);
  }

  /**
   * What changes grant, named: a revert's, which puts back what its run took. Its intents count, as
   * a grant's: the write may have happened.
   */
  public static OwnershipDelta grantedBy(Iterable<Change> changes) {
    Map<String, Map<String, Set<String>>> granted = new HashMap<>();
    for (Change c : changes) {
      if (c instanceof SetRoles s) {
        Set<String> more = new HashSet<>(s.after().roleIds());
        more.removeAll(s.beforeRoleIds());
        add(granted, c.externalId(), s.siteId(), more);
      } else if (c instanceof CreateUser create) {
        for (Membership m : create.memberships()) {
          add(granted, c.externalId(), m.siteId(), new HashSet<>(m.roleIds()));
        }
      }
    }
    Map<String, Map<String, Set<String>>> frozen = new HashMap<>();
    granted.forEach((person, sites) -> frozen.put(person, Map.copyOf(sites)));
    return new OwnershipDelta(Map.of(), frozen, Map.of());
  }

  private static void add(
      Map<String, Map<String, Set<String>>> into, String person, String site, Set<String> roles) {
    if (!roles.isEmpty()) {
      into.computeIfAbsent(person, k -> new TreeMap<>())
          .merge(
              site,
              Set.copyOf(roles),
              (a, b) -> {
                Set<String> all = new HashSet<>(a);
                all.addAll(b);
                return Set.copyOf(all);
              });
    }
  }

  /** True when the run changes nothing in the record. */
  public boolean isEmpty() {
    return adopted.isEmpty() && named.isEmpty() && released.isEmpty();
  }
}
