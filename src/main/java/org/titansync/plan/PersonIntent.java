package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.roster.Person;

/** What the planner decided for one file person, filled in step by step by a planning pass. */
final class PersonIntent {
  final Person person;
  final int firstLine;

  /** The file's email, lower case: the key Titan's uniqueness uses. */
  final String emailKey;

  /**
   * Titan site id -> role ids the file wants there (known sites and roles only), in site id order.
   * Most people have one site: a one-entry map of shared sets until a second one comes.
   */
  Map<String, Set<String>> wanted = Map.of();

  /** A bad row, unknown site or unknown role: this person loses nothing in this run. */
  boolean tainted;

  /** Nothing is planned (protected, refused, or a create with no known site). */
  boolean skip;

  /**
   * A person to create with no known site: not created (skip), yet the file names their address.
   */
  boolean unplaced;

  /** The matched Titan user; null for a person to create. */
  TitanUser user;

  /** The user is a hand-made account this run links by email. */
  boolean link;

  /** The person needs an address their user does not hold (case-insensitively). */
  boolean needsEmail;

  /** The address cannot move to this person: the user keeps its email (or is not created). */
  boolean emailBlocked;

  /** Another person takes this user's address: park it in phase 0. */
  boolean release;

  PersonIntent(Person person) {
    this.person = person;
    this.emailKey = lower(person.email());
    this.firstLine = person.lines().isEmpty() ? 0 : Collections.min(person.lines());
  }

  void want(String siteId, Set<String> roleIds) {
    if (wanted.isEmpty()) {
      wanted = Map.of(siteId, roleIds);
    } else {
      wantAnother(siteId, roleIds); // kept apart: the common case stays small to compile
    }
  }

  private void wantAnother(String siteId, Set<String> roleIds) {
    if (!(wanted instanceof TreeMap)) {
      wanted = new TreeMap<>(wanted);
    }
    // Two file names (an alias and a code, say) may mean one Titan site: their roles add up.
    wanted.merge(
        siteId,
        roleIds,
        (held, more) -> {
          Set<String> union = new HashSet<>(held);
          union.addAll(more);
          return union;
        });
  }
}
