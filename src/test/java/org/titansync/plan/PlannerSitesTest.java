package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.plan.Fixtures.at;
import static org.titansync.plan.Fixtures.keys;
import static org.titansync.plan.Fixtures.options;
import static org.titansync.plan.Fixtures.person;
import static org.titansync.plan.Fixtures.plan;
import static org.titansync.plan.Fixtures.roster;
import static org.titansync.plan.Fixtures.snapshot;
import static org.titansync.plan.Fixtures.withMaps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.roster.RowError;

/** Rule 1: how file site and role names find Titan's, and what an unknown one does. */
class PlannerSitesTest {

  @Test
  void anUnknownSiteIsAnErrorOnItsLineAndTheOtherSitesStillPlan() {
    RowError fromReading = new RowError(9, "email", "E7", "not an email address");
    Plan plan =
        plan(
            roster(
                List.of(
                    person(
                        "E1",
                        "ann@x.org",
                        at("Lincon Elementary", 4, "Teacher"),
                        at("Washington High", 5, "Teacher"))),
                List.of(fromReading),
                Set.of(),
                Set.of()),
            snapshot());

    assertEquals(
        List.of(
            fromReading,
            new RowError(
                4,
                "site_name",
                "E1",
                "unknown site \"Lincon Elementary\": did you mean \"Lincoln Elementary\"? Correct"
                    + " the name in the SIS; only if the SIS must keep it, map it under"
                    + " [sites.aliases]: \"Lincon Elementary\" = \"Lincoln Elementary\"",
                "F-E1 L-E1",
                "ann@x.org")),
        plan.errors());
    assertEquals(List.of("create:E1"), keys(plan));
    assertEquals(1, ((CreateUser) plan.changes().get(0)).memberships().size());
  }

  @Test
  void anUnknownRoleMakesItsSiteAnError() {
    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "ann@x.org",
                    at("Lincoln Elementary", 6, "Teacher", "Teachr"),
                    at("Adams Middle", 7, "Staff"))),
            snapshot());

    assertEquals(
        List.of(
            new RowError(
                6,
                "role_names",
                "E1",
                "unknown role \"Teachr\" (not in Titan); \"Teachr\": did you mean \"Teacher\"?"
                    + " Correct the name in the SIS; only if the SIS must keep it, map it under"
                    + " [roles.map]",
                "F-E1 L-E1",
                "ann@x.org")),
        plan.errors());
    CreateUser create = (CreateUser) plan.changes().get(0);
    assertEquals(
        List.of(new Membership("s3", "Adams Middle", List.of("r2"), List.of("Staff"))),
        create.memberships());
  }

  @Test
  void siteAliasesTheRoleMapAndSiteCodesAllFindTitansNames() {
    Plan plan =
        plan(
            roster(
                person(
                    "E1",
                    "ann@x.org",
                    at("Lincoln ES", 2, "TCHR"),
                    at("whs", 3, "staff"),
                    at("ADAMS MIDDLE", 4, "Administrator"))),
            snapshot(),
            withMaps(
                options(), Map.of("lincoln es", "Lincoln Elementary"), Map.of("tchr", "teacher")));

    assertEquals(List.of(), plan.errors());
    assertEquals(
        List.of(
            new Membership("s1", "Lincoln Elementary", List.of("r1"), List.of("Teacher")),
            new Membership("s2", "Washington High", List.of("r2"), List.of("Staff")),
            new Membership("s3", "Adams Middle", List.of("r3"), List.of("Administrator"))),
        ((CreateUser) plan.changes().get(0)).memberships());
  }

  @Test
  void anAliasToASiteTitanLacksSaysSo() {
    Plan plan =
        plan(
            roster(person("E1", "ann@x.org", at("Lincoln ES", 2, "Teacher"))),
            snapshot(),
            withMaps(options(), Map.of("lincoln es", "Lincoln Elem"), Map.of()));

    assertEquals(
        "unknown site \"Lincoln ES\" (mapped to \"Lincoln Elem\" under [sites.aliases], which is"
            + " not in Titan)",
        plan.errors().get(0).message());
  }
}
