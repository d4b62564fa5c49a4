package org.titansync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the names the planner's settings point at are names Titan has: each {@code
 * [sites.aliases]} target a site's name or code, each {@code [roles.map]} target and each {@code
 * protected_roles} name a role's name, ignoring case. Doctor says so before a run finds it out row
 * by row.
 */
public final class MappingCheck {
  private MappingCheck() {}

  /** What to fix, one line each, in the config's order; empty when every name is Titan's. */
  public static List<String> problems(
      PlanOptions options, List<TitanSite> titanSites, List<TitanRole> titanRoles) {
    Set<String> sites = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (TitanSite site : titanSites) {
      sites.add(site.name());
      if (site.code() != null) {
        sites.add(site.code());
      }
    }
    Set<String> roles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (TitanRole role : titanRoles) {
      roles.add(role.name());
    }
    List<String> problems = new ArrayList<>();
    options
        .siteAliases()
        .forEach(
            (from, to) -> {
              if (!sites.contains(to)) {
                problems.add(
                    "[sites.aliases] \""
                        + from
                        + "\" = \""
                        + to
                        + "\": Titan has no site \""
                        + to
                        + "\" (sites: "
                        + String.join(
                            ", ", names(titanSites.stream().map(TitanSite::name).toList()))
                        + ")");
              }
            });
    options
        .roleMap()
        .forEach(
            (from, to) -> {
              if (!roles.contains(to)) {
                problems.add(
                    "[roles.map] \""
                        + from
                        + "\" = \""
                        + to
                        + "\": Titan has no role \""
                        + to
                        + "\" (roles: "
                        + String.join(
                            ", ", names(titanRoles.stream().map(TitanRole::name).toList()))
                        + ")");
              }
            });
    for (String r : options.protectedRoles()) {
      if (!roles.contains(r)) {
        problems.add("[sync] protected_roles: Titan has no role \"" + r + "\"");
      }
    }
    return List.copyOf(problems);
  }

  private static List<String> names(List<String> all) {
    return all.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
  }
}
