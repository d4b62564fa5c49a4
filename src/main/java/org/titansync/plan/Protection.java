package org.titansync.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who titan-sync never touches: users protected by external_id, by email (ignoring case), or by a
 * protected role they hold at any site. Protected means untouched: no change of any kind reaches
 * them, whether a sync plans it, whatever on_missing says, or a revert would undo it.
 */
public final class Protection {
  private final Set<String> externalIds;
  private final Set<String> emails = new HashSet<>();
  private final Set<String> roleIds = new HashSet<>();

  /**
   * @param options the planner's settings (protected emails, external_ids and role names)
   * @param roles Titan's roles, to find the protected role names' ids
   */
  public Protection(PlanOptions options, List<TitanRole> roles) {
    this.externalIds = options.protectedExternalIds();
    options.protectedEmails().forEach(e -> emails.add(lower(e)));
    Set<String> names = new HashSet<>();
    options.protectedRoles().forEach(n -> names.add(lower(n)));
    for (TitanRole role : roles) {
      if (names.contains(lower(role.name()))) {
        roleIds.add(role.id());
      }
    }
  }

  /** Whether this Titan user is protected. */
  public boolean covers(TitanUser user) {
    return (user.externalId() != null && externalIds.contains(user.externalId()))
        || (!emails.isEmpty() && user.email() != null && emails.contains(lower(user.email())))
        || holdsProtectedRole(user);
  }

  private boolean holdsProtectedRole(TitanUser user) {
    if (roleIds.isEmpty()) {
      return false;
    }
    for (Set<String> held : user.memberships().values()) {
      for (String roleId : held) {
        if (roleIds.contains(roleId)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
