package org.titansync.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The names of the people a plan names, for the reports: only those, so a run that changes nothing
 * in a large district builds no index of every name.
 */
final class PeopleNames {
  private PeopleNames() {}

  /**
   * @param lookup external_id -> "First Last", or null when unknown
   */
  static Map<String, String> of(
      List<Change> changes, List<Conflict> conflicts, Function<String, String> lookup) {
    Map<String, String> names = new HashMap<>();
    for (Change c : changes) {
      add(names, c.externalId(), lookup);
    }
    for (Conflict c : conflicts) {
      add(names, c.externalId(), lookup);
    }
    return Map.copyOf(names);
  }

  private static void add(
      Map<String, String> names, String externalId, Function<String, String> lookup) {
    if (externalId == null || names.containsKey(externalId)) {
      return;
    }
    String name = lookup.apply(externalId);
    if (name != null && !name.isBlank()) {
      names.put(externalId, name);
    }
  }

  /** "First Last", blanks left out. */
  static String join(String first, String last) {
    return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
  }
}
