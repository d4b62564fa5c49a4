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
    return of(changes, conflicts, Keeping.NONE, lookup);
  }

  /** The same, with the people the plan keeps something of, or counts as missing, too. */
  static Map<String, String> of(
      List<Change> changes,
      List<Conflict> conflicts,
      Keeping keeping,
      Function<String, String> lookup) {
    Map<String, String> names = new HashMap<>();
    for (Change c : changes) {
      add(names, c.externalId(), lookup);
    }
    for (Conflict c : conflicts) {
      add(names, c.externalId(), lookup);
    }
    for (KeptByHand k : keeping.keptByHand()) {
      add(names, k.externalId(), lookup);
    }
    for (Missing m : keeping.withinGrace()) {
      add(names, m.externalId(), lookup);
    }
    for (Missing m : keeping.graceOver()) {
      add(names, m.externalId(), lookup);
    }
    return Map.copyOf(names);
  }

  /**
   * A person as a report line names them: "Maria Gonzalez (E1001, maria@x.org)"; without a name,
   * "E1001 (maria@x.org)".
   */
  static String shown(String name, String externalId, String email) {
    List<String> keys = new java.util.ArrayList<>(2);
    if (externalId != null && !externalId.isEmpty()) {
      keys.add(externalId);
    }
    if (email != null && !email.isEmpty()) {
      keys.add(email);
    }
    if (name != null && !name.isBlank()) {
      return keys.isEmpty() ? name : name + " (" + String.join(", ", keys) + ")";
    }
    if (keys.isEmpty()) {
      return "(a person with no external_id)";
    }
    return keys.size() == 1 ? keys.get(0) : keys.get(0) + " (" + keys.get(1) + ")";
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
