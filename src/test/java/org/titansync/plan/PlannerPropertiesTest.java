package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

/**
 * The planner's promise, checked on random districts: applying the plan the way Titan would (phase
 * 0 first, people in any order, email uniqueness enforced at every step) reaches what the file asks
 * for, leaves alone what must be left alone, and a second plan finds nothing to do.
 */
class PlannerPropertiesTest {

  @Property(tries = 1500)
  @StatisticsReport(onFailureOnly = false)
  void applyingThePlanReachesTheFilesStateAndPlanningAgainFindsNothing(
      @ForAll @Size(min = 60, max = 250) List<@IntRange(min = 0, max = 999) Integer> tape,
      @ForAll boolean peopleReversed) {
    RandomDistrict district = RandomDistrict.from(tape);
    Planner planner = new Planner();
    Plan plan = planner.plan(district.roster(), district.snapshot(), district.options());

    InMemoryTitan titan = new InMemoryTitan(district.snapshot());
    titan.apply(plan, peopleReversed); // refuses any step that breaks email uniqueness
    Snapshot after = titan.snapshot();

    new Expectations(district, plan, after).check();
    collectWhatWasCovered(plan);
    Plan again = planner.plan(district.roster(), after, district.options());
    assertEquals(List.of(), again.changes(), "planning again after applying");
    if (!gainedProtection(district.snapshot(), after, district.options())) {
      assertEquals(plan.conflicts().size(), again.conflicts().size(), "the same conflicts remain");
    }
  }

  /**
   * Whether the plan gave someone a protected role. Such a person is protected in the next run, so
   * nothing is planned for them there and the conflicts around them change: the next run leaves
   * them and their address alone.
   */
  private static boolean gainedProtection(Snapshot before, Snapshot after, PlanOptions options) {
    Set<String> protectedRoleIds = new HashSet<>();
    for (TitanRole role : after.roles()) {
      if (options.protectedRoles().contains(role.name().toLowerCase(Locale.ROOT))) {
        protectedRoleIds.add(role.id());
      }
    }
    Set<String> was = new HashSet<>();
    for (TitanUser user : before.users()) {
      if (holdsAny(user, protectedRoleIds)) {
        was.add(user.id());
      }
    }
    for (TitanUser user : after.users()) {
      if (holdsAny(user, protectedRoleIds) && !was.contains(user.id())) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsAny(TitanUser user, Set<String> roleIds) {
    return user.memberships().values().stream()
        .anyMatch(held -> held.stream().anyMatch(roleIds::contains));
  }

  /** The districts must really exercise the hard cases, or the property proves little. */
  private static void collectWhatWasCovered(Plan plan) {
    Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    boolean leftSite = false;
    for (Change change : plan.changes()) {
      kinds.add(change.kind());
      leftSite |= change instanceof RemoveMembership r && !r.personGone();
    }
    for (ChangeKind kind : ChangeKind.values()) {
      Statistics.label(kind.id()).collect(kinds.contains(kind));
    }
    Statistics.label("leaves a site").collect(leftSite);
    Statistics.label("conflict").collect(!plan.conflicts().isEmpty());
    Statistics.label("swap or chain")
        .collect(plan.changes().stream().filter(c -> c.phase() == 0).count() > 1);
    for (String label :
        List.of("release_email", "link", "deactivate", "conflict", "swap or chain")) {
      Statistics.label(label).coverage(c -> c.check(true).percentage(p -> p >= 1.0));
    }
  }

  @Property(tries = 300)
  void theSameDistrictAlwaysGivesAnEqualPlan(
      @ForAll @Size(min = 60, max = 250) List<@IntRange(min = 0, max = 999) Integer> tape) {
    RandomDistrict district = RandomDistrict.from(tape);

    assertEquals(
        new Planner().plan(district.roster(), district.snapshot(), district.options()),
        new Planner().plan(district.roster(), district.snapshot(), district.options()));
  }

  /**
   * Protected means untouched, in every on_missing mode: no change of any kind names a user
   * protected by email, external_id or a role held at any site, and after applying the plan each
   * such user is exactly as before. Protection here is switched on far more often than in the
   * districts above, so that protected people are often gone from the file, renamed, moved or
   * wanted under another address.
   */
  @Property(tries = 600)
  void protectedPeopleAreUntouchedInEveryOnMissingMode(
      @ForAll @Size(min = 60, max = 250) List<@IntRange(min = 0, max = 999) Integer> tape,
      @ForAll boolean deactivateMissing,
      @ForAll @IntRange(min = 0, max = 3) int protectedRole) {
    RandomDistrict district = RandomDistrict.from(tape);
    PlanOptions drawn = district.options();
    Set<String> roles = protectedRole == 0 ? Set.of() : Set.of("role " + protectedRole);
    PlanOptions options =
        new PlanOptions(
            drawn.siteAliases(),
            drawn.roleMap(),
            drawn.matchExistingByEmail(),
            drawn.protectedEmails(),
            drawn.protectedExternalIds(),
            roles,
            deactivateMissing);
    Set<String> protectedRoleIds = new HashSet<>();
    for (TitanRole role : district.snapshot().roles()) {
      if (roles.contains(role.name().toLowerCase(Locale.ROOT))) {
        protectedRoleIds.add(role.id());
      }
    }
    Map<String, TitanUser> protectedUsers = new HashMap<>();
    Set<String> fileIds = new HashSet<>();
    district.roster().persons().forEach(p -> fileIds.add(p.externalId()));
    boolean goneFromFile = false;
    for (TitanUser user : district.snapshot().users()) {
      boolean byRole =
          user.memberships().values().stream()
              .anyMatch(held -> held.stream().anyMatch(protectedRoleIds::contains));
      if (byRole
          || options.protectedEmails().contains(user.email().toLowerCase(Locale.ROOT))
          || (user.externalId() != null
              && options.protectedExternalIds().contains(user.externalId()))) {
        protectedUsers.put(user.id(), user);
        goneFromFile |= user.externalId() != null && !fileIds.contains(user.externalId());
      }
    }

    Plan plan = new Planner().plan(district.roster(), district.snapshot(), options);
    for (Change change : plan.changes()) {
      assertTrue(
          change.userId() == null || !protectedUsers.containsKey(change.userId()),
          "a change reaches protected user " + change.userId() + ": " + change.key());
    }
    InMemoryTitan titan = new InMemoryTitan(district.snapshot());
    titan.apply(plan, false);
    for (TitanUser user : titan.snapshot().users()) {
      TitanUser before = protectedUsers.get(user.id());
      if (before != null) {
        assertEquals(before, user, "protected user " + user.id() + " after applying");
      }
    }
    Statistics.label("protected user gone from the file").collect(goneFromFile);
    Statistics.label("protected user gone from the file")
        .coverage(c -> c.check(true).percentage(p -> p >= 4.0));
  }

  /** What the rules say the state after applying must be, derived from the district alone. */
  private static final class Expectations {
    private final RandomDistrict district;
    private final Plan plan;
    private final PlanOptions options;
    private final Map<String, TitanUser> before = new HashMap<>();
    private final Map<String, TitanUser> after = new HashMap<>();
    private final Map<String, TitanUser> afterByExternalId = new HashMap<>();
    private final Set<String> conflicted = new HashSet<>();
    private final Set<String> fileIds = new HashSet<>();
    private final Set<String> protectedRoleIds = new HashSet<>();
    private final Set<String> heldForConflict = new HashSet<>();

    Expectations(RandomDistrict district, Plan plan, Snapshot afterSnapshot) {
      this.district = district;
      this.plan = plan;
      this.options = district.options();
      district.snapshot().users().forEach(u -> before.put(u.id(), u));
      for (TitanUser user : afterSnapshot.users()) {
        after.put(user.id(), user);
        if (user.externalId() != null) {
          afterByExternalId.put(user.externalId(), user);
        }
      }
      plan.conflicts().forEach(c -> conflicted.add(c.externalId()));
      district.roster().persons().forEach(p -> fileIds.add(p.externalId()));
      for (TitanRole role : district.snapshot().roles()) {
        if (options.protectedRoles().contains(lower(role.name()))) {
          protectedRoleIds.add(role.id());
        }
      }
    }

    void check() {
      assertTrue(after.keySet().containsAll(before.keySet()), "no user is ever deleted");
      for (Person person : district.roster().persons()) {
        checkPerson(person);
      }
      for (TitanUser user : before.values()) {
        if (user.externalId() == null) {
          if (after.get(user.id()).externalId() == null) {
            assertEquals(user, after.get(user.id()), "a hand-made account nobody linked");
          }
        } else if (!fileIds.contains(user.externalId())) {
          checkAbsent(user);
        }
      }
    }

    private void checkPerson(Person person) {
      String id = person.externalId();
      TitanUser start = startUser(person);
      if (isProtected(person) || (start != null && isProtected(start))) {
        if (start != null) {
          assertEquals(start, after.get(start.id()), "protected " + id);
        } else {
          assertNull(afterByExternalId.get(id), "protected " + id + " is not created");
        }
        return;
      }
      Map<String, Set<String>> wants = district.desired().get(id);
      TitanUser end = afterByExternalId.get(id);
      if (start == null) {
        if (wants.isEmpty() || conflicted.contains(id)) {
          assertNull(end, id + " is not created");
          if (conflicted.contains(id)) {
            assertHeldByAnother(person.email(), null);
            for (Conflict c : plan.conflicts()) {
              if (c.externalId().equals(id) && c.titanUserId() != null) {
                heldForConflict.add(c.titanUserId());
              }
            }
          }
          return;
        }
        assertNotNull(end, id + " is created");
      } else {
        assertNotNull(end, id + " keeps or gets its external_id");
        assertEquals(start.id(), end.id(), id + " is its own user, or the linked one");
      }

      assertEquals(person.firstName(), end.firstName(), id);
      assertEquals(person.lastName(), end.lastName(), id);
      assertTrue(end.active(), id + " is active");
      if (conflicted.contains(id) && !lower(end.email()).equals(lower(person.email()))) {
        assertEquals(start.email(), end.email(), id + " keeps its address");
        assertHeldByAnother(person.email(), end.id());
      } else {
        assertEquals(person.email(), end.email(), id);
      }

      boolean tainted =
          district.roster().taintedExternalIds().contains(id)
              || district.unknownSite().contains(id)
              || district.roster().taintedEmails().contains(lower(person.email()));
      Map<String, Set<String>> held = start == null ? Map.of() : start.memberships();
      Map<String, Set<String>> expected = new TreeMap<>();
      wants.forEach(
          (site, roles) -> {
            Set<String> kept = new HashSet<>(roles);
            for (String role : held.getOrDefault(site, Set.of())) {
              if (protectedRoleIds.contains(role)) {
                kept.add(role);
              }
            }
            expected.put(site, kept);
          });
      held.forEach(
          (site, roles) -> {
            if (!wants.containsKey(site) && (tainted || holdsProtectedRole(roles))) {
              expected.put(site, roles);
            }
          });
      assertEquals(expected, end.memberships(), id + " memberships");
    }

    private void checkAbsent(TitanUser user) {
      TitanUser end = after.get(user.id());
      if (isProtected(user)
          || district.roster().taintedExternalIds().contains(user.externalId())
          || district.roster().taintedEmails().contains(lower(user.email()))
          || heldForConflict.contains(user.id())) {
        assertEquals(user, end, "left alone: " + user.externalId());
        return;
      }
      Map<String, Set<String>> kept = new TreeMap<>();
      user.memberships()
          .forEach(
              (site, roles) -> {
                if (holdsProtectedRole(roles)) {
                  kept.put(site, roles);
                }
              });
      assertEquals(kept, end.memberships(), "gone from the file: " + user.externalId());
      assertEquals(options.deactivateMissing() ? false : user.active(), end.active());
      assertEquals(user.email(), end.email());
      assertEquals(user.firstName(), end.firstName());
    }

    /** The user the rules match a person to: same external_id, else a linkable account. */
    private TitanUser startUser(Person person) {
      TitanUser handMade = null;
      for (TitanUser user : before.values()) {
        if (person.externalId().equals(user.externalId())) {
          return user;
        }
        if (user.externalId() == null && lower(user.email()).equals(lower(person.email()))) {
          handMade = user;
        }
      }
      return handMade != null && options.matchExistingByEmail() && !isProtected(handMade)
          ? handMade
          : null;
    }

    /** A conflict is only right when someone else really holds the address in the end. */
    private void assertHeldByAnother(String email, String exceptUserId) {
      boolean held = false;
      for (TitanUser user : after.values()) {
        if (!user.id().equals(exceptUserId) && lower(user.email()).equals(lower(email))) {
          held = true;
        }
      }
      assertTrue(held, "a conflict over " + email + " although nobody else holds it");
    }

    private boolean isProtected(Person person) {
      return options.protectedExternalIds().contains(person.externalId())
          || options.protectedEmails().contains(lower(person.email()));
    }

    /** Protected by external_id, email or a protected role held at any site. */
    private boolean isProtected(TitanUser user) {
      return (user.externalId() != null
              && options.protectedExternalIds().contains(user.externalId()))
          || options.protectedEmails().contains(lower(user.email()))
          || user.memberships().values().stream().anyMatch(this::holdsProtectedRole);
    }

    private boolean holdsProtectedRole(Set<String> roles) {
      for (String role : roles) {
        if (protectedRoleIds.contains(role)) {
          return true;
        }
      }
      return false;
    }

    private static String lower(String s) {
      return s.toLowerCase(Locale.ROOT);
    }
  }
}
