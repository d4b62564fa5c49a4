package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.titansync.plan.TitanRole;

/**
 * The privileged roles of one Titan, as doctor shows them, so that an admin sees what {@code
 * max_privileged_changes} watches: the roles the rule counts as privileged, and each configured
 * {@code privileged_roles} name Titan lacks.
 *
 * @param found the privileged roles' names, sorted ignoring case
 * @param problems what to fix, one line each; empty when Titan has every configured name
 */
public record PrivilegedRolesInTitan(List<String> found, List<String> problems) {
  public PrivilegedRolesInTitan {
    found = List.copyOf(found);
    problems = List.copyOf(problems);
  }

  /**
   * The privileged roles among Titan's, by the rule these names make.
   *
   * @param configured {@code guardrails.privileged_roles}; empty for the default rule
   */
  public static PrivilegedRolesInTitan of(Set<String> configured, List<TitanRole> roles) {
    PrivilegedRoles rule = new PrivilegedRoles(configured);
    List<String> found =
        roles.stream()
            .map(TitanRole::name)
            .filter(rule::isPrivileged)
            .sorted(String.CASE_INSENSITIVE_ORDER)
            .toList();
    Set<String> titan = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    roles.forEach(r -> titan.add(r.name()));
    List<String> problems = new ArrayList<>();
    for (String r : configured) {
      if (!titan.contains(r)) {
        problems.add("[guardrails] privileged_roles: Titan has no role \"" + r + "\"");
      }
    }
    return new PrivilegedRolesInTitan(found, problems);
  }
}
