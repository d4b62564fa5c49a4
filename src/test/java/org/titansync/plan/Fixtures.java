package org.titansync.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RowError;
import org.titansync.roster.SiteAssignment;

/** A small district to plan against, and short ways to write users, people and options. */
final class Fixtures {

  static final TitanSite LINCOLN = new TitanSite("s1", "Lincoln Elementary", "LES", true);
  static final TitanSite WASHINGTON = new TitanSite("s2", "Washington High", "WHS", true);
  static final TitanSite ADAMS = new TitanSite("s3", "Adams Middle", null, true);
  static final TitanRole TEACHER = new TitanRole("r1", "Teacher");
  static final TitanRole STAFF = new TitanRole("r2", "Staff");
  static final TitanRole ADMIN = new TitanRole("r3", "Administrator");
  static final TitanRole SAFETY = new TitanRole("r4", "Safety Officer");

  private Fixtures() {}

  static Snapshot snapshot(TitanUser... users) {
    return new Snapshot(
        List.of(LINCOLN, WASHINGTON, ADAMS),
        List.of(TEACHER, STAFF, ADMIN, SAFETY),
        List.of(users));
  }

  /** A managed user named after its external_id (first "F-E1", last "L-E1"), active. */
  static TitanUser managed(String id, String externalId, String email, Map<String, Set<String>> m) {
    return new TitanUser(id, externalId, "F-" + externalId, "L-" + externalId, email, true, m);
  }

  /** An account made by hand in the web console: no external_id. */
  static TitanUser handMade(String id, String email, Map<String, Set<String>> memberships) {
    return new TitanUser(id, null, "Hand", "Made", email, true, memberships);
  }

  static Map<String, Set<String>> member(String siteId, String... roleIds) {
    return Map.of(siteId, Set.of(roleIds));
  }

  static Map<String, Set<String>> member(
      String siteId, Set<String> roleIds, String siteId2, Set<String> roleIds2) {
    return Map.of(siteId, roleIds, siteId2, roleIds2);
  }

  static SiteAssignment at(String siteName, int line, String... roleNames) {
    return new SiteAssignment(siteName, List.of(roleNames), line);
  }

  /** A file person named like {@link #managed}: so the names already agree with Titan. */
  static Person person(String externalId, String email, SiteAssignment... sites) {
    return person(externalId, "F-" + externalId, "L-" + externalId, email, sites);
  }

  static Person person(
      String externalId, String first, String last, String email, SiteAssignment... sites) {
    Set<Integer> lines = new LinkedHashSet<>();
    for (SiteAssignment site : sites) {
      lines.add(site.line());
    }
    return new Person(externalId, first, last, email, List.of(sites), List.copyOf(lines));
  }

  static Roster roster(Person... persons) {
    return roster(List.of(persons), List.of(), Set.of(), Set.of());
  }

  static Roster roster(
      List<Person> persons,
      List<RowError> errors,
      Set<String> taintedExternalIds,
      Set<String> taintedEmails) {
    int rows = errors.size();
    for (Person person : persons) {
      rows += person.lines().size();
    }
    return new Roster(
        persons,
        errors,
        List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names"),
        rows,
        taintedExternalIds,
        taintedEmails);
  }

  static PlanOptions options() {
    return PlanOptions.defaults();
  }

  static PlanOptions withMatchByEmail(PlanOptions o, boolean on) {
    return new PlanOptions(
        o.siteAliases(),
        o.roleMap(),
        on,
        o.protectedEmails(),
        o.protectedExternalIds(),
        o.protectedRoles(),
        o.deactivateMissing(),
        o.membershipScope(),
        o.grace(),
        o.updateEmailCase());
  }

  static PlanOptions withDeactivateMissing(PlanOptions o) {
    return new PlanOptions(
        o.siteAliases(),
        o.roleMap(),
        o.matchExistingByEmail(),
        o.protectedEmails(),
        o.protectedExternalIds(),
        o.protectedRoles(),
        true,
        o.membershipScope(),
        o.grace(),
        o.updateEmailCase());
  }

  static PlanOptions withProtected(
      PlanOptions o, Set<String> emails, Set<String> externalIds, Set<String> roles) {
    return new PlanOptions(
        o.siteAliases(),
        o.roleMap(),
        o.matchExistingByEmail(),
        emails,
        externalIds,
        roles,
        o.deactivateMissing(),
        o.membershipScope(),
        o.grace(),
        o.updateEmailCase());
  }

  static PlanOptions withMaps(
      PlanOptions o, Map<String, String> siteAliases, Map<String, String> roleMap) {
    return new PlanOptions(
        siteAliases,
        roleMap,
        o.matchExistingByEmail(),
        o.protectedEmails(),
        o.protectedExternalIds(),
        o.protectedRoles(),
        o.deactivateMissing(),
        o.membershipScope(),
        o.grace(),
        o.updateEmailCase());
  }

  static Plan plan(Roster roster, Snapshot snapshot, PlanOptions options) {
    return new Planner().plan(roster, snapshot, options);
  }

  static Plan plan(Roster roster, Snapshot snapshot) {
    return plan(roster, snapshot, options());
  }

  /** The changes of one kind, in plan order. */
  static List<Change> ofKind(Plan plan, ChangeKind kind) {
    return only(plan, c -> c.kind() == kind);
  }

  static List<Change> only(Plan plan, Predicate<Change> which) {
    List<Change> found = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (which.test(change)) {
        found.add(change);
      }
    }
    return found;
  }

  /** "create:E1", "set_roles:E1:s2", ... in plan order, for whole-plan assertions. */
  static List<String> keys(Plan plan) {
    List<String> keys = new ArrayList<>();
    for (Change change : plan.changes()) {
      keys.add(change.key());
    }
    return keys;
  }
}
