package org.titansync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanOptions;
import org.titansync.plan.Planner;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.SiteAssignment;

/**
 * The last holder of a privileged role at a school: a principal who moves from Adams to Lincoln
 * leaves Adams with none although the district still counts as many principals. A warning naming
 * the site, the role and the person by default; a hold for the roles guardrails.
 * site_last_holder_roles names.
 */
class SiteLastHolderTest {
  private static final List<String> HEADERS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");
  private static final TitanSite ADAMS = new TitanSite("s1", "Adams Elementary", null, true);
  private static final TitanSite LINCOLN = new TitanSite("s2", "Lincoln Elementary", null, true);
  private static final TitanRole TEACHER = new TitanRole("r1", "Teacher");
  private static final TitanRole PRINCIPAL = new TitanRole("r2", "Principal");

  private static TitanUser user(String id, String externalId, String site, String role) {
    return new TitanUser(
        "u-" + id,
        externalId,
        "First" + externalId,
        "Last" + externalId,
        externalId + "@x.org",
        true,
        Map.of(site, Set.of(role)));
  }

  private static Person person(String id, String site, String role, int line) {
    return new Person(
        id,
        "First" + id,
        "Last" + id,
        id + "@x.org",
        List.of(new SiteAssignment(site, List.of(role), line)),
        List.of(line));
  }

  private static Snapshot titan(TitanUser... users) {
    return new Snapshot(List.of(ADAMS, LINCOLN), List.of(TEACHER, PRINCIPAL), List.of(users));
  }

  /** The plan for these people against {@code before}, with the default options. */
  private static Plan plan(Snapshot before, Person... people) {
    return new Planner().plan(file(people), before, PlanOptions.defaults());
  }

  private static Roster file(Person... people) {
    return new Roster(List.of(people), List.of(), HEADERS, people.length, Set.of(), Set.of());
  }

  /** Maria, Adams's principal, moves to Lincoln; Lincoln's principal goes elsewhere. */
  private static final Snapshot BEFORE =
      titan(user("1", "E1", "s1", "r2"), user("2", "E2", "s2", "r2"), user("3", "E3", "s1", "r1"));

  private static Plan mariaMoves() {
    return plan(
        BEFORE,
        person("E1", "Lincoln Elementary", "Principal", 2),
        person("E2", "Lincoln Elementary", "Principal", 3),
        person("E3", "Adams Elementary", "Teacher", 4));
  }

  private static Limits limits(Set<String> siteLastHolderRoles) {
    return new Limits(
        100,
        100.0,
        100.0,
        0,
        false,
        false,
        false,
        PrivilegedRoles.byDefault(),
        100,
        100,
        100,
        100,
        100,
        24,
        Map.of(),
        true,
        true,
        true,
        siteLastHolderRoles);
  }

  private static Verdict judge(Limits limits, Snapshot titan, Plan plan) {
    PrivilegedRoles p = PrivilegedRoles.byDefault();
    return new Guardrails(limits)
        .evaluate(
            plan,
            HEADERS,
            null,
            Optional.empty(),
            Window.none(24),
            RoleHolders.of(titan, plan, p),
            PrivilegedAccounts.none(),
            SiteLastHolder.of(titan, plan, p));
  }

  @Test
  void aPrincipalWhoMovesLeavesTheSchoolWithNoneThoughTheDistrictCountIsTheSame() {
    Plan plan = mariaMoves();

    assertEquals(
        List.of(
            new SiteLastHolder(
                "Adams Elementary",
                "Principal",
                List.of(
                    "FirstE1 LastE1 (E1), who moves from Adams Elementary to Lincoln Elementary"))),
        SiteLastHolder.of(BEFORE, plan, PrivilegedRoles.byDefault()));
    assertEquals(
        List.of(new RoleHolders("Principal", 2, 2)),
        RoleHolders.of(BEFORE, plan, PrivilegedRoles.byDefault()),
        "the district-wide count sees nothing");
  }

  @Test
  void byDefaultItIsAWarningNamingTheSiteTheRoleAndThePerson() {
    Verdict v = judge(limits(Set.of()), BEFORE, mariaMoves());

    assertFalse(v.held(), v.sentences().toString());
    assertEquals(
        List.of(
            "Warning: Adams Elementary loses its last Principal: FirstE1 LastE1 (E1), who moves"
                + " from Adams Elementary to Lincoln Elementary. (guardrails.site_last_holder_roles"
                + " can hold such a run.)"),
        v.notes());
  }

  @Test
  void withTheRoleInSiteLastHolderRolesTheRunIsHeld() {
    Verdict v = judge(limits(Set.of("PRINCIPAL")), BEFORE, mariaMoves());

    assertTrue(v.held());
    assertEquals(List.of("site_last_holder_roles"), v.checks());
    assertTrue(
        v.sentences().get(0).contains("Adams Elementary loses its last Principal: FirstE1"),
        v.sentences().toString());
    assertEquals(List.of(), v.notes());
  }

  @Test
  void anotherHolderOrANewOneAtTheSiteKeepsItQuiet() {
    Snapshot twoAtAdams =
        titan(
            user("1", "E1", "s1", "r2"), user("4", "E4", "s1", "r2"), user("3", "E3", "s1", "r1"));
    Plan second =
        plan(
            twoAtAdams,
            person("E1", "Lincoln Elementary", "Principal", 2),
            person("E4", "Adams Elementary", "Principal", 3),
            person("E3", "Adams Elementary", "Teacher", 4));
    assertEquals(List.of(), SiteLastHolder.of(twoAtAdams, second, PrivilegedRoles.byDefault()));

    Plan successor =
        plan(
            BEFORE,
            person("E1", "Lincoln Elementary", "Principal", 2),
            person("E2", "Lincoln Elementary", "Principal", 3),
            person("E3", "Adams Elementary", "Principal", 4));
    assertEquals(List.of(), SiteLastHolder.of(BEFORE, successor, PrivilegedRoles.byDefault()));
  }

  @Test
  void aPrincipalWhoLeavesTheFileIsNamedSo() {
    Plan plan =
        plan(
            BEFORE,
            person("E2", "Lincoln Elementary", "Principal", 3),
            person("E3", "Adams Elementary", "Teacher", 4));

    List<String> sentences = new ArrayList<>();
    SiteLastHolder.of(BEFORE, plan, PrivilegedRoles.byDefault())
        .forEach(s -> sentences.add(s.sentence()));
    assertEquals(
        List.of(
            "Adams Elementary loses its last Principal: FirstE1 LastE1 (E1), who is no longer in"
                + " the file."),
        sentences);
  }

  @Test
  void aPlanThatTakesNoPrivilegedRoleCostsNothing() {
    Plan plan =
        plan(
            BEFORE,
            person("E1", "Adams Elementary", "Principal", 2),
            person("E2", "Lincoln Elementary", "Principal", 3));

    assertEquals(List.of(), SiteLastHolder.of(BEFORE, plan, PrivilegedRoles.byDefault()));
  }

  @Test
  void aHolderGoneFromTheFileAndOneWhoOnlyLeavesTheSiteAreToldApart() {
    // E1, Adams's principal, is gone from the file; E2, Lincoln's principal and a teacher at
    // Adams, stays a teacher at Adams only.
    Snapshot before =
        titan(
            user("1", "E1", "s1", "r2"),
            new TitanUser(
                "u-2",
                "E2",
                "FirstE2",
                "LastE2",
                "E2@x.org",
                true,
                Map.of("s2", Set.of("r2"), "s1", Set.of("r1"))),
            user("3", "E3", "s1", "r1"));
    Plan plan =
        plan(
            before,
            person("E2", "Adams Elementary", "Teacher", 2),
            person("E3", "Adams Elementary", "Teacher", 3));

    List<SiteLastHolder> left = SiteLastHolder.of(before, plan, PrivilegedRoles.byDefault());

    assertEquals(
        List.of(
            "Adams Elementary/Principal: FirstE1 LastE1 (E1), who is no longer in the file",
            "Lincoln Elementary/Principal: FirstE2 LastE2 (E2), who leaves the site"),
        left.stream().map(h -> h.site() + "/" + h.role() + ": " + h.people().get(0)).toList());
  }
}
