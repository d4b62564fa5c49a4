package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.titansync.pipeline.IcuConfusables;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RowError;

/**
 * Invariant 1 for look-alike addresses, on random districts: giving some people of a file an
 * address that looks like another (a Cyrillic letter in it) never causes a removal, deactivation or
 * demotion of anyone that the file without them would not make, and a person whose address is
 * refused for it is left exactly as Titan has them.
 */
class LookAlikePropertyTest {
  /** The Cyrillic о (U+043E) in {@code .org}: the label mixes scripts, always refused. */
  private static final int MIXED = 1;

  /** The Cyrillic х (U+0445) for {@code x}: a label of one script that looks like the Latin one. */
  private static final int WHOLE = 2;

  @Property(tries = 800)
  void aLookAlikeAddressNeverRemovesDeactivatesOrDemotesAnyone(
      @ForAll @Size(min = 60, max = 250) List<@IntRange(min = 0, max = 999) Integer> tape,
      @ForAll @Size(min = 4, max = 12) List<@IntRange(min = 0, max = 2) Integer> picks) {
    RandomDistrict district = RandomDistrict.from(tape);
    Map<String, Integer> variant = new HashMap<>();
    List<Person> persons = new ArrayList<>();
    List<Person> original = district.roster().persons();
    for (int i = 0; i < original.size(); i++) {
      Person p = original.get(i);
      int pick = i < picks.size() ? picks.get(i) : 0;
      if (pick != 0) {
        variant.put(p.externalId(), pick);
      }
      persons.add(pick == 0 ? p : withEmail(p, lookAlike(p.email(), pick)));
    }
    Roster r = district.roster();
    Roster alike =
        new Roster(
            persons,
            r.errors(),
            r.headers(),
            r.dataRows(),
            r.taintedExternalIds(),
            r.taintedEmails());

    Plan before = plan(r, district);
    Plan after = plan(alike, district);

    Set<String> harmBefore = new HashSet<>(harm(before));
    for (String c : harm(after)) {
      assertTrue(harmBefore.contains(c), "a look-alike address made " + c);
    }
    Set<String> refused = new HashSet<>();
    for (RowError e : after.errors()) {
      if ("email".equals(e.field())) {
        refused.add(e.externalId());
      }
    }
    for (Change c : after.changes()) {
      assertTrue(
          !refused.contains(c.externalId()), "refused for its address, yet changed: " + c.key());
      assertTrue(
          variant.getOrDefault(c.externalId(), 0) != MIXED,
          "an address mixing scripts went through: " + c.key());
    }
    Statistics.label("refused for a look-alike address").collect(!refused.isEmpty());
  }

  private static Plan plan(Roster roster, RandomDistrict district) {
    return new Planner()
        .plan(roster, district.snapshot(), district.options(), IcuConfusables.get());
  }

  /**
   * Removals, deactivations and role changes that take a role away, by key and the roles left (not
   * by the address a report shows with them, which the look-alike changes).
   */
  private static List<String> harm(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (c.kind() == ChangeKind.REMOVE_MEMBERSHIP || c.kind() == ChangeKind.DEACTIVATE) {
        out.add(c.key());
      } else if (c instanceof SetRoles s && !s.after().roleIds().containsAll(s.beforeRoleIds())) {
        out.add(c.key() + " -> " + s.after().roleIds());
      }
    }
    return out;
  }

  /** {@code m3@x.org} as {@code m3@x.оrg} (mixed) or {@code m3@х.org} (whole-script). */
  private static String lookAlike(String email, int variant) {
    return variant == WHOLE ? email.replace("@x.", "@\u0445.") : email.replace(".org", ".\u043erg");
  }

  private static Person withEmail(Person p, String email) {
    return new Person(p.externalId(), p.firstName(), p.lastName(), email, p.sites(), p.lines());
  }
}
