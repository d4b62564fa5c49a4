package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names the planner's settings point at, against Titan's sites and roles. */
class MappingCheckTest {
  private static final List<TitanSite> SITES =
      List.of(
          new TitanSite("s1", "Lincoln Elementary", "LES", true),
          new TitanSite("s2", "Adams", null, true));
  private static final List<TitanRole> ROLES =
      List.of(new TitanRole("r1", "Teacher"), new TitanRole("r2", "Staff"));

  private static PlanOptions options(
      Map<String, String> aliases, Map<String, String> roleMap, Set<String> protectedRoles) {
    return new PlanOptions(aliases, roleMap, true, Set.of(), Set.of(), protectedRoles, false);
  }

  @Test
  void namesAndCodesTitanHasPassIgnoringCase() {
    assertEquals(
        List.of(),
        MappingCheck.problems(
            options(
                Map.of("lincoln", "LINCOLN ELEMENTARY", "les school", "les", "adams ms", "adams"),
                Map.of("tchr", "teacher"),
                Set.of("staff")),
            SITES,
            ROLES));
  }

  @Test
  void eachNameTitanLacksIsOneProblemInTheConfigsOrder() {
    Map<String, String> aliases = new LinkedHashMap<>();
    aliases.put("old school", "Closed Academy");
    aliases.put("adams ms", "Adams");
    assertEquals(
        List.of(
            "[sites.aliases] \"old school\" = \"Closed Academy\": Titan has no site \"Closed"
                + " Academy\" (sites: Adams, Lincoln Elementary)",
            "[roles.map] \"sub\" = \"Substitute\": Titan has no role \"Substitute\" (roles: Staff,"
                + " Teacher)",
            "[sync] protected_roles: Titan has no role \"board\""),
        MappingCheck.problems(
            options(aliases, Map.of("sub", "Substitute"), Set.of("board")), SITES, ROLES));
  }
}
