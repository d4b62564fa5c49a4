package org.titansync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.SiteAssignment;

/**
 * A random district read from a tape of small numbers (jqwik shrinks the tape towards zeros and
 * shortness, and zero always means the plainer choice). Twelve addresses are shared by everyone, so
 * swaps, chains, links and conflicts come up often.
 *
 * @param desired external_id -> Titan site id -> role ids the file wants (known sites only)
 * @param unknownSite external_ids that named a site Titan lacks
 */
record RandomDistrict(
    Snapshot snapshot,
    Roster roster,
    PlanOptions options,
    Map<String, Map<String, Set<String>>> desired,
    Set<String> unknownSite) {

  private static final int ADDRESSES = 12;

  /** Reads choices off the tape; an exhausted tape answers 0. */
  private static final class Tape {
    private final List<Integer> values;
    private int next;

    Tape(List<Integer> values) {
      this.values = values;
    }

    int next(int bound) {
      if (bound <= 1 || next >= values.size()) {
        return 0;
      }
      return values.get(next++) % bound;
    }

    boolean flag() {
      return next(2) == 1;
    }

    boolean oneIn(int n) {
      return next(n) == n - 1;
    }
  }

  static RandomDistrict from(List<Integer> numbers) {
    Tape tape = new Tape(numbers);

    List<TitanSite> sites = new ArrayList<>();
    for (int k = 1, n = 1 + tape.next(4); k <= n; k++) {
      sites.add(new TitanSite("s" + k, "Site " + k, tape.flag() ? "C" + k : null, true));
    }
    List<TitanRole> roles = new ArrayList<>();
    for (int k = 1, n = 1 + tape.next(4); k <= n; k++) {
      roles.add(new TitanRole("r" + k, "Role " + k));
    }

    Set<Integer> taken = new HashSet<>();
    List<TitanUser> users = new ArrayList<>();
    int managed = tape.next(7);
    int handMade = tape.next(3);
    for (int k = 0; k < managed + handMade; k++) {
      String email = recase(address(free(taken, tape.next(ADDRESSES))), tape);
      boolean isManaged = k < managed;
      users.add(
          new TitanUser(
              "u" + k,
              isManaged ? "E" + k : null,
              "F" + k,
              "L" + k,
              email,
              !tape.oneIn(5),
              memberships(tape, sites, roles)));
    }

    List<Person> persons = new ArrayList<>();
    Map<String, Map<String, Set<String>>> desired = new HashMap<>();
    Set<String> unknownSite = new HashSet<>();
    Set<Integer> wanted = new HashSet<>();
    int[] line = {2};
    for (int k = 0; k < managed; k++) {
      TitanUser user = users.get(k);
      if (tape.oneIn(4)) {
        continue; // left the file
      }
      int choice = tape.next(3) == 0 ? number(user.email()) : tape.next(ADDRESSES);
      String email = recase(address(free(wanted, choice)), tape);
      boolean renamed = tape.flag();
      persons.add(
          person(
              user.externalId(),
              renamed ? "G" + k : user.firstName(),
              renamed ? "M" + k : user.lastName(),
              email,
              tape,
              sites,
              roles,
              line,
              desired,
              unknownSite));
    }
    moveAddressesAround(persons, users, tape, wanted);
    for (int k = 0, n = tape.next(4); k < n; k++) {
      // Often the address of a hand-made account (a link) or of someone who just left it.
      int choice = tape.next(ADDRESSES);
      if (handMade > 0 && tape.oneIn(3)) {
        choice = number(users.get(managed + tape.next(handMade)).email());
      }
      String email = recase(address(free(wanted, choice)), tape);
      persons.add(
          person("N" + k, "H" + k, "K" + k, email, tape, sites, roles, line, desired, unknownSite));
    }

    Set<String> taintedIds = new HashSet<>();
    Set<String> taintedEmails = new HashSet<>();
    for (Person person : persons) {
      if (tape.oneIn(8)) {
        taintedIds.add(person.externalId());
      }
    }
    for (TitanUser user : users) {
      if (tape.oneIn(8)) {
        taintedEmails.add(user.email().toLowerCase(Locale.ROOT));
      }
    }

    boolean matchByEmail = !tape.oneIn(4);
    boolean deactivate = tape.flag();
    Set<String> protectedEmails = new HashSet<>();
    Set<String> protectedIds = new HashSet<>();
    if (!users.isEmpty() && tape.oneIn(5)) {
      protectedEmails.add(users.get(tape.next(users.size())).email().toLowerCase(Locale.ROOT));
    }
    if (managed > 0 && tape.oneIn(5)) {
      protectedIds.add("E" + tape.next(managed));
    }
    Set<String> protectedRoles = tape.oneIn(4) ? Set.of("role 1") : Set.of();

    Roster roster =
        new Roster(
            List.copyOf(persons),
            List.of(),
            List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names"),
            line[0] - 2,
            Set.copyOf(taintedIds),
            Set.copyOf(taintedEmails));
    PlanOptions options =
        new PlanOptions(
            Map.of(),
            Map.of(),
            matchByEmail,
            Set.copyOf(protectedEmails),
            Set.copyOf(protectedIds),
            protectedRoles,
            deactivate);
    return new RandomDistrict(
        new Snapshot(List.copyOf(sites), List.copyOf(roles), List.copyOf(users)),
        roster,
        options,
        desired,
        unknownSite);
  }

  /**
   * Makes swaps and chains likely: among the people who kept their own address, a few pass it on in
   * a ring (a swap or a rotation), or in a line whose last one takes a free address (a chain),
   * leaving the first one's address free for a newcomer to take.
   */
  private static void moveAddressesAround(
      List<Person> persons, List<TitanUser> users, Tape tape, Set<Integer> wanted) {
    Map<String, String> current = new HashMap<>();
    for (TitanUser user : users) {
      if (user.externalId() != null) {
        current.put(user.externalId(), user.email());
      }
    }
    List<Integer> keepers = new ArrayList<>();
    for (int i = 0; i < persons.size(); i++) {
      Person p = persons.get(i);
      if (p.email().equalsIgnoreCase(current.get(p.externalId()))) {
        keepers.add(i);
      }
    }
    if (keepers.size() < 2 || tape.next(3) == 0) {
      return;
    }
    int n = 2 + tape.next(Math.min(keepers.size() - 1, 3));
    boolean chain = tape.flag();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      addresses.add(persons.get(keepers.get(i)).email());
    }
    for (int i = 0; i < n; i++) {
      String next =
          i + 1 < n || !chain
              ? addresses.get((i + 1) % n)
              : address(free(wanted, tape.next(ADDRESSES)));
      Person p = persons.get(keepers.get(i));
      persons.set(
          keepers.get(i),
          new Person(p.externalId(), p.firstName(), p.lastName(), next, p.sites(), p.lines()));
    }
    if (chain) {
      wanted.remove(number(addresses.get(0))); // free for a newcomer
    }
  }

  private static int number(String address) {
    return Integer.parseInt(address.substring(1, address.indexOf('@')));
  }

  private static Person person(
      String externalId,
      String first,
      String last,
      String email,
      Tape tape,
      List<TitanSite> sites,
      List<TitanRole> roles,
      int[] line,
      Map<String, Map<String, Set<String>>> desired,
      Set<String> unknownSite) {
    List<SiteAssignment> assignments = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    Map<String, Set<String>> wants = new TreeMap<>();
    for (TitanSite site : sites) {
      if (assignments.isEmpty() ? tape.next(3) == 2 : !tape.oneIn(3)) {
        continue;
      }
      Set<String> roleIds = roleIds(tape, roles);
      List<String> roleNames = new ArrayList<>();
      for (TitanRole role : roles) {
        if (roleIds.contains(role.id())) {
          roleNames.add(tape.flag() ? role.name().toUpperCase(Locale.ROOT) : role.name());
        }
      }
      String name =
          switch (tape.next(3)) {
            case 1 -> site.name().toLowerCase(Locale.ROOT);
            case 2 -> site.code() != null ? site.code().toLowerCase(Locale.ROOT) : site.name();
            default -> site.name();
          };
      assignments.add(new SiteAssignment(name, List.copyOf(roleNames), line[0]));
      lines.add(line[0]++);
      wants.put(site.id(), roleIds);
    }
    if (assignments.isEmpty() || tape.oneIn(6)) {
      assignments.add(new SiteAssignment("Nowhere", List.of(roles.get(0).name()), line[0]));
      lines.add(line[0]++);
      unknownSite.add(externalId);
    }
    desired.put(externalId, wants);
    return new Person(externalId, first, last, email, List.copyOf(assignments), List.copyOf(lines));
  }

  private static Map<String, Set<String>> memberships(
      Tape tape, List<TitanSite> sites, List<TitanRole> roles) {
    Map<String, Set<String>> memberships = new HashMap<>();
    for (TitanSite site : sites) {
      if (tape.flag()) {
        memberships.put(site.id(), roleIds(tape, roles));
      }
    }
    return Map.copyOf(memberships);
  }

  /** A non-empty set of role ids. */
  private static Set<String> roleIds(Tape tape, List<TitanRole> roles) {
    Set<String> ids = new HashSet<>();
    for (TitanRole role : roles) {
      if (tape.flag()) {
        ids.add(role.id());
      }
    }
    if (ids.isEmpty()) {
      ids.add(roles.get(tape.next(roles.size())).id());
    }
    return Set.copyOf(ids);
  }

  /** The first address from {@code start} on that nobody in {@code used} has, now marked used. */
  private static int free(Set<Integer> used, int start) {
    for (int i = 0; i < ADDRESSES; i++) {
      int candidate = (start + i) % ADDRESSES;
      if (used.add(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("more people than addresses");
  }

  private static String address(int n) {
    return "m" + n + "@x.org";
  }

  /** The same address, sometimes with a capital letter, as real exports write them. */
  private static String recase(String email, Tape tape) {
    return tape.oneIn(4) ? "M" + email.substring(1) : email;
  }
}
