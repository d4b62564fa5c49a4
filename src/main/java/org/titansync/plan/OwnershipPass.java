package org.titansync.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What titan-sync owns, as one planning pass sees it: per matched person, the roles it owns at each
 * site (what the record says, or, at the first run against a Titan, everything a person with an
 * external_id holds); and how the run changes the record: what it takes over, what the file names
 * that was not owned yet, and what Titan no longer holds. Kept for both membership scopes, so that
 * switching from "all" to "owned" finds the record up to date.
 */
final class OwnershipPass {
  private final Ownership ownership;
  private final boolean onlyOwned;
  private final Map<String, Map<String, Set<String>>> named = new HashMap<>();

  OwnershipPass(Ownership ownership, MembershipScope scope) {
    this.ownership = ownership;
    this.onlyOwned = scope == MembershipScope.OWNED;
  }

  /**
   * Site id -> role ids titan-sync owns for a matched person, as PersonChanges takes it: null under
   * membership_scope = "all" (whatever the file does not name may go).
   */
  Map<String, Set<String>> ownedFor(PersonIntent intent) {
    return onlyOwned ? owned(intent) : null;
  }

  private Map<String, Set<String>> owned(PersonIntent intent) {
    String externalId = intent.person.externalId();
    if (!ownership.firstRun()) {
      return ownership.of(externalId);
    }
    TitanUser user = intent.user;
    // Taken over from an earlier sync: what people who already carry an external_id hold. An
    // account linked by email is no earlier sync's: what the file does not name stays theirs.
    return user != null && externalId.equals(user.externalId()) ? user.memberships() : Map.of();
  }

  /** Notes what the file names for a person this run plans (matched or new) that is not owned. */
  void name(PersonIntent intent) {
    Map<String, Set<String>> owned = owned(intent);
    Map<String, Set<String>> fresh = null;
    for (Map.Entry<String, Set<String>> site : intent.wanted.entrySet()) {
      Set<String> have = owned.get(site.getKey());
      if (have != null && have.containsAll(site.getValue())) {
        continue; // the common case: named and owned already
      }
      Set<String> more = new HashSet<>(site.getValue());
      if (have != null) {
        more.removeAll(have);
      }
      if (fresh == null) {
        fresh = new TreeMap<>();
      }
      fresh.put(site.getKey(), Set.copyOf(more));
    }
    if (fresh != null) {
      named.put(intent.person.externalId(), Map.copyOf(fresh));
    }
  }

  /**
   * How the run changes the record.
   *
   * @param snapshot Titan now
   * @param users its users, indexed
   * @param intents the file's people by external_id, matched
   */
  OwnershipDelta delta(Snapshot snapshot, UserIndex users, Map<String, PersonIntent> intents) {
    Map<String, Map<String, Set<String>>> adopted = Map.of();
    Map<String, Map<String, Set<String>>> released = Map.of();
    if (ownership.firstRun()) {
      adopted = new HashMap<>(PlanningPass.capacity(users.managedUsers()));
      for (TitanUser user : snapshot.users()) {
        if (user.externalId() != null && !user.memberships().isEmpty()) {
          adopted.putIfAbsent(user.externalId(), user.memberships());
        }
      }
    } else {
      released = new HashMap<>();
      for (Map.Entry<String, Map<String, Set<String>>> person :
          ownership.byExternalId().entrySet()) {
        Map<String, Set<String>> gone =
            released(person.getKey(), person.getValue(), users, intents);
        if (gone != null) {
          released.put(person.getKey(), gone);
        }
      }
    }
    return new OwnershipDelta(adopted, named, released);
  }

  /** What of one person's owned roles Titan no longer holds and the file does not name; or null. */
  private static Map<String, Set<String>> released(
      String externalId,
      Map<String, Set<String>> owned,
      UserIndex users,
      Map<String, PersonIntent> intents) {
    PersonIntent intent = intents.get(externalId);
    TitanUser user =
        intent != null && intent.user != null ? intent.user : users.byExternalId(externalId);
    Map<String, Set<String>> held = user == null ? Map.of() : user.memberships();
    Map<String, Set<String>> wanted = intent != null && !intent.skip ? intent.wanted : Map.of();
    Map<String, Set<String>> gone = null;
    for (Map.Entry<String, Set<String>> site : owned.entrySet()) {
      Set<String> have = held.get(site.getKey());
      if (have != null && have.containsAll(site.getValue())) {
        continue; // the common case: Titan still holds what is owned
      }
      Set<String> lost = new HashSet<>(site.getValue());
      if (have != null) {
        lost.removeAll(have);
      }
      lost.removeAll(wanted.getOrDefault(site.getKey(), Set.of()));
      if (!lost.isEmpty()) {
        if (gone == null) {
          gone = new TreeMap<>();
        }
        gone.put(site.getKey(), Set.copyOf(lost));
      }
    }
    return gone == null ? null : Map.copyOf(gone);
  }
}
