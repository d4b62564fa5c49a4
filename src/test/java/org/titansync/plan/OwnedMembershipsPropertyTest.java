package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.SiteAssignment;

/**
 * Invariant 9 under membership_scope = "owned", on random sequences of files and hand edits in
 * Titan: titan-sync never takes a role or membership it does not own from a person who is in the
 * file, and a person who left the file holds nothing once the grace period is over, whoever gave it
 * to them.
 *
 * <p>What is made by hand is tracked here on its own, from the story alone: a role at a site is
 * made by hand when a hand edit adds it, and stops being so when a file names it for that person.
 * The ownership record and the missing counts are carried from run to run as the shell carries
 * them: the plan's change to the record, then what its writes took away.
 */
class OwnedMembershipsPropertyTest {

  private static final List<String> PEOPLE = List.of("E1", "E2", "E3", "E4", "E5", "E6");
  private static final List<TitanSite> SITES =
      List.of(Fixtures.LINCOLN, Fixtures.WASHINGTON, Fixtures.ADAMS);
  private static final List<TitanRole> ROLES =
      List.of(Fixtures.TEACHER, Fixtures.STAFF, Fixtures.ADMIN, Fixtures.SAFETY);
  private static final Instant START = Instant.parse("2026-06-01T02:00:00Z");

  /** Reads choices off the tape; an exhausted tape answers 0 (the plainer choice). */
  private static final class Tape {
    private final List<Integer> values;
    private int next;

    Tape(List<Integer> values) {
      this.values = values;
    }

    int next(int bound) {
      return bound <= 1 || next >= values.size() ? 0 : values.get(next++) % bound;
    }
  }

  /** The story so far: Titan, the shell's memory of it, and what was made by hand. */
  private static final class Story {
    InMemoryTitan titan;
    Ownership ownership = Ownership.atFirstRun();
    Map<String, Missing> missing = Map.of();
    final Grace grace;
    final PlanOptions options;

    /** "userId|siteId|roleId" added by hand and named by no file since. */
    final Set<String> byHand = new HashSet<>();

    /** Taken by hand since the last run: putting back the same is no story Titan can tell. */
    final Set<String> takenByHandSinceRun = new HashSet<>();

    /** external_id -> runs in a row it was missing from the file while Titan had it. */
    final Map<String, Integer> missingRuns = new HashMap<>();

    int runs;
    int handEdits;
    int keptByHand;

    Story(Snapshot titan, Grace grace) {
      this.titan = new InMemoryTitan(titan);
      this.grace = grace;
      this.options = PlanOptions.defaults().withGrace(grace);
    }
  }

  @Property(tries = 600)
  @StatisticsReport(onFailureOnly = false)
  void titanSyncNeverTakesWhatItDoesNotOwnFromAPersonInTheFileAndALeaverEndsWithNothing(
      @ForAll @Size(min = 300, max = 900) List<@IntRange(min = 0, max = 999) Integer> numbers) {
    Tape tape = new Tape(numbers);
    Story story = new Story(earlierSync(tape), new Grace(1 + tape.next(3), 0));
    int steps = 4 + tape.next(10);
    run(story, tape);
    for (int i = 1; i < steps; i++) {
      switch (tape.next(4)) {
        case 0, 1 -> run(story, tape);
        case 2 -> addByHand(story, tape);
        default -> takeByHand(story, tape);
      }
    }
    Statistics.label("hand edits").collect(Math.min(story.handEdits, 6));
    Statistics.label("kept by hand").collect(story.keptByHand > 0);
  }

  /** Titan as an earlier sync left it, with a hand-made account now and then. */
  private static Snapshot earlierSync(Tape tape) {
    List<TitanUser> users = new ArrayList<>();
    for (String person : PEOPLE) {
      if (tape.next(3) > 0) {
        users.add(
            Fixtures.managed("u-" + person, person, email(person), sites(tape, 1 + tape.next(2))));
      }
    }
    for (String person : PEOPLE) {
      boolean inTitan = users.stream().anyMatch(u -> person.equals(u.externalId()));
      if (!inTitan && tape.next(3) == 0) {
        users.add(Fixtures.handMade("h-" + person, email(person), sites(tape, 1 + tape.next(2))));
      }
    }
    return new Snapshot(SITES, ROLES, users);
  }

  private static String email(String person) {
    return person.toLowerCase(java.util.Locale.ROOT) + "@x.org";
  }

  private static Map<String, Set<String>> sites(Tape tape, int count) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Set<String> roles = new HashSet<>();
      roles.add(ROLES.get(tape.next(ROLES.size())).id());
      if (tape.next(3) == 0) {
        roles.add(ROLES.get(tape.next(ROLES.size())).id());
      }
      out.put(SITES.get(tape.next(SITES.size())).id(), Set.copyOf(roles));
    }
    return out;
  }

  private static void run(Story story, Tape tape) {
    Snapshot before = story.titan.snapshot();
    List<Person> people = new ArrayList<>();
    Map<String, Map<String, Set<String>>> named = new HashMap<>();
    int line = 2;
    for (String person : PEOPLE) {
      if (tape.next(4) == 0) {
        continue; // missing from this file
      }
      Map<String, Set<String>> wanted = sites(tape, 1 + tape.next(2));
      List<SiteAssignment> rows = new ArrayList<>();
      for (Map.Entry<String, Set<String>> site : wanted.entrySet()) {
        List<String> roleNames = new ArrayList<>();
        for (TitanRole role : ROLES) {
          if (site.getValue().contains(role.id())) {
            roleNames.add(role.name());
          }
        }
        rows.add(new SiteAssignment(siteName(site.getKey()), roleNames, line++));
      }
      people.add(Fixtures.person(person, email(person), rows.toArray(SiteAssignment[]::new)));
      named.put(person, wanted);
    }
    Roster file = Fixtures.roster(people.toArray(Person[]::new));
    story.runs++;
    Instant now = START.plus(Duration.ofDays(story.runs));
    RunMemory memory = new RunMemory(story.ownership, story.missing, "run-" + story.runs, now);

    Plan plan = new Planner().plan(file, before, story.options, Confusables.NONE, memory);

    for (Change change : plan.changes()) {
      if (!named.containsKey(change.externalId())) {
        continue; // a person gone from the file loses everything: judged below
      }
      for (String taken : taken(change)) {
        assertFalse(
            story.byHand.contains(change.userId() + "|" + taken),
            "run "
                + story.runs
                + " takes "
                + taken
                + " made by hand from "
                + change.externalId()
                + ", who is in the file: "
                + change);
      }
    }
    story.keptByHand += plan.keeping().keptByHand().size();

    story.titan.apply(plan, false);
    story.ownership =
        story.ownership.after(plan.keeping().owned()).after(OwnershipDelta.takenBy(plan.changes()));
    Map<String, Missing> next = new HashMap<>();
    plan.keeping().missingAfter().forEach(m -> next.put(m.externalId(), m));
    story.missing = next;
    story.takenByHandSinceRun.clear();

    Snapshot after = story.titan.snapshot();
    Map<String, TitanUser> byExternalId = new HashMap<>();
    after
        .users()
        .forEach(
            u -> {
              if (u.externalId() != null) {
                byExternalId.put(u.externalId(), u);
              }
            });
    named.forEach(
        (person, sites) -> {
          TitanUser user = byExternalId.get(person);
          if (user != null) {
            sites.forEach(
                (site, roles) ->
                    roles.forEach(r -> story.byHand.remove(user.id() + "|" + site + "|" + r)));
          }
        });
    story.byHand.removeIf(tuple -> !held(after, tuple));

    for (String person : PEOPLE) {
      boolean inTitanBefore = before.users().stream().anyMatch(u -> person.equals(u.externalId()));
      int missingFor =
          named.containsKey(person) || !inTitanBefore
              ? 0
              : story.missingRuns.getOrDefault(person, 0) + 1;
      story.missingRuns.put(person, missingFor);
      TitanUser user = byExternalId.get(person);
      if (missingFor >= story.grace.afterRuns() && user != null) {
        assertEquals(
            Map.of(),
            user.memberships(),
            person + " is missing from " + missingFor + " runs in a row, the grace period is over");
      }
    }
  }

  /** "siteId|roleId" a change takes away from its person. */
  private static List<String> taken(Change change) {
    List<String> out = new ArrayList<>();
    if (change instanceof RemoveMembership r) {
      r.before().roleIds().forEach(role -> out.add(r.siteId() + "|" + role));
    } else if (change instanceof SetRoles s) {
      for (String role : s.beforeRoleIds()) {
        if (!s.after().roleIds().contains(role)) {
          out.add(s.siteId() + "|" + role);
        }
      }
    }
    return out;
  }

  private static boolean held(Snapshot titan, String tuple) {
    for (TitanUser u : titan.users()) {
      for (Map.Entry<String, Set<String>> m : u.memberships().entrySet()) {
        for (String role : m.getValue()) {
          if (tuple.equals(u.id() + "|" + m.getKey() + "|" + role)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A role added by hand, to anyone in Titan, at a site they may or may not be at. */
  private static void addByHand(Story story, Tape tape) {
    Snapshot now = story.titan.snapshot();
    if (now.users().isEmpty()) {
      return;
    }
    TitanUser user = now.users().get(tape.next(now.users().size()));
    String site = SITES.get(tape.next(SITES.size())).id();
    String role = ROLES.get(tape.next(ROLES.size())).id();
    String tuple = user.id() + "|" + site + "|" + role;
    Set<String> held = user.memberships().getOrDefault(site, Set.of());
    if (held.contains(role) || story.takenByHandSinceRun.contains(tuple)) {
      return;
    }
    Set<String> roles = new HashSet<>(held);
    roles.add(role);
    story.titan = new InMemoryTitan(withMembership(now, user, site, roles));
    story.byHand.add(tuple);
    story.handEdits++;
  }

  /** A membership taken away by hand. */
  private static void takeByHand(Story story, Tape tape) {
    Snapshot now = story.titan.snapshot();
    List<TitanUser> members = now.users().stream().filter(u -> !u.memberships().isEmpty()).toList();
    if (members.isEmpty()) {
      return;
    }
    TitanUser user = members.get(tape.next(members.size()));
    List<String> sites = new ArrayList<>(user.memberships().keySet());
    String site = sites.get(tape.next(sites.size()));
    for (String role : user.memberships().get(site)) {
      String tuple = user.id() + "|" + site + "|" + role;
      story.byHand.remove(tuple);
      story.takenByHandSinceRun.add(tuple);
    }
    story.titan = new InMemoryTitan(withMembership(now, user, site, Set.of()));
    story.handEdits++;
  }

  private static Snapshot withMembership(
      Snapshot titan, TitanUser user, String site, Set<String> roles) {
    List<TitanUser> users = new ArrayList<>();
    for (TitanUser u : titan.users()) {
      if (!u.id().equals(user.id())) {
        users.add(u);
        continue;
      }
      Map<String, Set<String>> memberships = new TreeMap<>(u.memberships());
      if (roles.isEmpty()) {
        memberships.remove(site);
      } else {
        memberships.put(site, Set.copyOf(roles));
      }
      users.add(
          new TitanUser(
              u.id(),
              u.externalId(),
              u.firstName(),
              u.lastName(),
              u.email(),
              u.active(),
              Map.copyOf(memberships)));
    }
    return new Snapshot(titan.sites(), titan.roles(), users);
  }

  private static String siteName(String siteId) {
    for (TitanSite site : SITES) {
      if (site.id().equals(siteId)) {
        return site.name();
      }
    }
    throw new IllegalArgumentException(siteId);
  }
}
