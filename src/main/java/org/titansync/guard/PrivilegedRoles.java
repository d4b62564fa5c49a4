package org.titansync.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Titan roles are privileged: whoever holds one can trigger a lockdown, read incident data or
 * reach every family, so granting or taking one is as grave as a removal.
 *
 * @param names {@code guardrails.privileged_roles}, lower case; empty for the default rule (the
 *     name contains admin, principal or superintendent, ignoring case)
 */
public record PrivilegedRoles(Set<String> names) {
  /** The words the default rule looks for in a role's name. */
  public static final List<String> DEFAULT_WORDS = List.of("admin", "principal", "superintendent");

  public PrivilegedRoles {
    Set<String> lower = new TreeSet<>();
    names.forEach(n -> lower.add(n.strip().toLowerCase(Locale.ROOT)));
    names = Set.copyOf(lower);
  }

  /** The default rule. */
  public static PrivilegedRoles byDefault() {
    return new PrivilegedRoles(Set.of());
  }

  /** True when a role of this name is privileged. */
  public boolean isPrivileged(String roleName) {
    if (roleName == null) {
      return false;
    }
    String n = roleName.strip().toLowerCase(Locale.ROOT);
    if (!names.isEmpty()) {
      return names.contains(n);
    }
    for (String word : DEFAULT_WORDS) {
      if (n.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The privileged names among these, in the given order. */
  public List<String> among(Collection<String> roleNames) {
    List<String> out = new ArrayList<>();
    for (String r : roleNames) {
      if (isPrivileged(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The rule in words, for reports and doctor. */
  public String describe() {
    return names.isEmpty()
        ? "roles whose name contains admin, principal or superintendent (ignoring case)"
        : "guardrails.privileged_roles = " + names;
  }
}
