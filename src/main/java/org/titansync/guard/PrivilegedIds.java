package org.titansync.guard;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.titansync.plan.TitanRole;

/**
 * Titan's privileged roles by id, judged once per run from its roles' names: the checks that walk
 * every user of a large Titan ask of each role id, not of each name again (a name is judged by
 * lower-casing and searching it, 100,000 users times over). A role id Titan did not list is judged
 * by the id itself, as the checks name it.
 */
final class PrivilegedIds {
  private final Set<String> ids = new HashSet<>();
  private final Map<String, String> names = new HashMap<>();
  private final PrivilegedRoles privileged;

  PrivilegedIds(Collection<TitanRole> roles, PrivilegedRoles privileged) {
    this.privileged = privileged;
    for (TitanRole r : roles) {
      names.put(r.id(), r.name());
      if (privileged.isPrivileged(r.name())) {
        ids.add(r.id());
      }
    }
  }

  /** True when the role of this id is privileged. */
  boolean is(String roleId) {
    return ids.contains(roleId) || (!names.containsKey(roleId) && privileged.isPrivileged(roleId));
  }

  /** True when one of these role ids is privileged: the common answer for a user is no. */
  boolean any(Collection<String> roleIds) {
    for (String id : roleIds) {
      if (is(id)) {
        return true;
      }
    }
    return false;
  }

  /** The role's name, or its id when Titan did not list it. */
  String name(String roleId) {
    return names.getOrDefault(roleId, roleId);
  }
}
