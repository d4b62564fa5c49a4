package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.sorted;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.titansync.roster.Person;

/**
 * Rules 3 and 4: the writes that bring one user to what the file wants: the create, the profile
 * (with the phase 0 release of an address another person takes), the role set per site, and the
 * sites left. A protected role a user holds is never taken away, nor the membership that holds it.
 */
final class PersonChanges {
  private final TitanCatalog catalog;
  private final Set<String> protectedRoleIds = new HashSet<>();

  PersonChanges(TitanCatalog catalog, PlanOptions options) {
    this.catalog = catalog;
    for (String name : options.protectedRoles()) {
      TitanRole role = catalog.roleNamed(name);
      if (role != null) {
        protectedRoleIds.add(role.id());
      }
    }
  }

  /**
   * Adds the changes of one matched or new person.
   *
   * @param releases where phase 0 changes go
   * @param changes where the others go, in the order they are applied
   */
  void plan(PersonIntent intent, List<Change> releases, List<Change> changes) {
    Person person = intent.person;
    String externalId = person.externalId();
    String email = person.email();
    if (intent.user == null) {
      List<Membership> memberships = new ArrayList<>(intent.wanted.size());
      intent.wanted.forEach(
          (siteId, roleIds) -> memberships.add(catalog.membership(siteId, roleIds)));
      changes.add(
          new CreateUser(
              externalId,
              person.firstName(),
              person.lastName(),
              email,
              List.copyOf(memberships),
              List.copyOf(person.lines())));
      return;
    }

    TitanUser user = intent.user;
    String finalEmail = intent.emailBlocked ? user.email() : email;
    if (intent.release || intent.link || !sameProfile(user, person, finalEmail)) {
      Profile current = user.profile();
      Profile before = current;
      if (intent.release) {
        before = EmailMoves.withEmail(current, EmailMoves.releaseAddress(user.id()));
        releases.add(
            new UpdateUser(
                ChangeKind.RELEASE_EMAIL, user.id(), externalId, email, current, before));
      }
      Profile after =
          new Profile(externalId, person.firstName(), person.lastName(), finalEmail, true);
      if (intent.link || !after.equals(before)) {
        changes.add(
            new UpdateUser(
                intent.link ? ChangeKind.LINK : ChangeKind.UPDATE,
                user.id(),
                externalId,
                email,
                before,
                after));
      }
    }

    Map<String, Set<String>> held = user.memberships();
    for (Map.Entry<String, Set<String>> site : intent.wanted.entrySet()) {
      String siteId = site.getKey();
      Set<String> heldRoles = held.getOrDefault(siteId, Set.of());
      Set<String> target = site.getValue();
      if (holdsProtectedRole(heldRoles)) {
        target = new HashSet<>(target);
        for (String roleId : heldRoles) {
          if (protectedRoleIds.contains(roleId)) {
            target.add(roleId); // a protected role is never taken away
          }
        }
      }
      if (!target.equals(heldRoles)) {
        List<String> beforeIds = sorted(heldRoles);
        changes.add(
            new SetRoles(
                user.id(),
                externalId,
                email,
                siteId,
                catalog.siteName(siteId),
                beforeIds,
                catalog.roleNames(beforeIds),
                catalog.membership(siteId, target)));
      }
    }

    if (!intent.tainted) {
      List<String> left = new ArrayList<>(0);
      for (String siteId : held.keySet()) {
        if (!intent.wanted.containsKey(siteId)) {
          left.add(siteId);
        }
      }
      left.sort(null);
      for (String siteId : left) {
        removeMembership(user, externalId, email, siteId, false, changes);
      }
    }
  }

  /**
   * Adds the removal of the user's membership at a site, unless it holds a protected role.
   *
   * @param personGone the person left the file (else only the site)
   */
  void removeMembership(
      TitanUser user,
      String externalId,
      String email,
      String siteId,
      boolean personGone,
      List<Change> changes) {
    Set<String> roleIds = user.memberships().get(siteId);
    if (holdsProtectedRole(roleIds)) {
      return;
    }
    changes.add(
        new RemoveMembership(
            user.id(),
            externalId,
            email,
            siteId,
            catalog.siteName(siteId),
            catalog.membership(siteId, roleIds),
            personGone));
  }

  private boolean holdsProtectedRole(Set<String> roleIds) {
    for (String roleId : roleIds) {
      if (protectedRoleIds.contains(roleId)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the user's profile is already the one the file asks for (most are). */
  private static boolean sameProfile(TitanUser user, Person person, String email) {
    return user.active()
        && Objects.equals(user.externalId(), person.externalId())
        && Objects.equals(user.firstName(), person.firstName())
        && Objects.equals(user.lastName(), person.lastName())
        && Objects.equals(user.email(), email);
  }
}
