package org.titansync.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What titan-sync owns in one Titan, per person, site and role, as its record there says (the shell
 * keeps it, beside the audit log and rebuildable from it). Under {@code membership_scope =
 * "owned"}, titan-sync takes from a person in the file only what it owns.
 *
 * <p>The maps are not copied: the shell hands over maps nobody changes afterwards (a record of a
 * large district holds one entry per person, read at every run).
 *
 * @param firstRun no run of titan-sync has recorded anything for this Titan yet: everything held by
 *     people who carry an external_id counts as owned (taken over from an earlier sync), and the
 *     plan's {@link OwnershipDelta#adopted()} lists it
 * @param byExternalId external_id -> site id -> role ids owned there
 */
public record Ownership(boolean firstRun, Map<String, Map<String, Set<String>>> byExternalId) {

  /** The first run against a Titan: nothing recorded, everything managed is taken over. */
  public static Ownership atFirstRun() {
    return new Ownership(true, Map.of());
  }

  /** A record read back. */
  public static Ownership of(Map<String, Map<String, Set<String>>> byExternalId) {
    return new Ownership(false, byExternalId);
  }

  /** Site id -> role ids owned for one person; empty when none. */
  public Map<String, Set<String>> of(String externalId) {
    return byExternalId.getOrDefault(externalId, Map.of());
  }

  /** How many people own something. */
  public int people() {
    return byExternalId.size();
  }

  /**
   * The record once a run's change to it is in: what it adopted and named added, what it released
   * taken away. Never a first run any more.
   */
  public Ownership after(OwnershipDelta delta) {
    if (delta.isEmpty() && !firstRun) {
      return this;
    }
    Map<String, Map<String, Set<String>>> next = new HashMap<>(byExternalId);
    add(next, delta.adopted());
    add(next, delta.named());
    delta
        .released()
        .forEach(
            (person, sites) -> {
              Map<String, Set<String>> had = next.get(person);
              if (had == null) {
                return;
              }
              Map<String, Set<String>> left = new TreeMap<>(had);
              sites.forEach(
                  (site, roles) -> {
                    Set<String> kept = new HashSet<>(left.getOrDefault(site, Set.of()));
                    kept.removeAll(roles);
                    if (kept.isEmpty()) {
                      left.remove(site);
                    } else {
                      left.put(site, Set.copyOf(kept));
                    }
                  });
              if (left.isEmpty()) {
                next.remove(person);
              } else {
                next.put(person, Map.copyOf(left));
              }
            });
    return new Ownership(false, Map.copyOf(next));
  }

  private static void add(
      Map<String, Map<String, Set<String>>> into, Map<String, Map<String, Set<String>>> more) {
    more.forEach(
        (person, sites) -> {
          Map<String, Set<String>> merged = new TreeMap<>(into.getOrDefault(person, Map.of()));
          sites.forEach(
              (site, roles) -> {
                Set<String> all = new HashSet<>(merged.getOrDefault(site, Set.of()));
                all.addAll(roles);
                merged.put(site, Set.copyOf(all));
              });
          into.put(person, Map.copyOf(merged));
        });
  }
}
