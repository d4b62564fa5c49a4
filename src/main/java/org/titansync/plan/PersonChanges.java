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
 * Under membership_scope = "owned", a role or membership titan-sync does not own is kept too: at a
 * site the file names it stays beside the file's roles; at a site the file does not name, only the
 * owned roles go.
 */
final class PersonChanges {
  private final TitanCatalog catalog;
  private final Set<String> protectedRoleIds = new HashSet<>();
  private final boolean updateEmailCase;

  PersonChanges(TitanCatalog catalog, PlanOptions options) {
    this.catalog = catalog;
    this.updateEmailCase = options.updateEmailCase();
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
   * @param owned site id -> role ids titan-sync owns for this person; null when it may take
   *     whatever the file does not name (membership_scope = "all")
   * @param releases where phase 0 changes go
   * @param changes where the others go, in the order they are applied
   * @param kept where what is kept because it was made by hand goes
   */
  void plan(
      PersonIntent intent,
      Map<String, Set<String>> owned,
      List<Change> releases,
      List<Change> changes,
      List<KeptByHand> kept) {
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
    String finalEmail =
        intent.emailBlocked || sameButCase(user.email(), email) ? user.email() : email;
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
      if (owned != null && !target.containsAll(heldRoles)) {
        List<String> byHand = notOwned(heldRoles, owned.get(siteId), target);
        if (!byHand.isEmpty()) {
          target = new HashSet<>(target);
          target.addAll(byHand); // added by hand, not named before: theirs
          kept.add(keptByHand(user, externalId, email, siteId, byHand, false));
        }
      }
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
        if (owned == null) {
          removeMembership(user, externalId, email, siteId, false, changes);
        } else {
          leaveOwned(user, externalId, email, siteId, owned.get(siteId), changes, kept);
        }
      }
    }
  }

  /**
   * A site the file does not name, under membership_scope = "owned": the membership goes when
   * titan-sync owns all its roles, stays when it owns none, and loses only the owned roles else.
   */
  private void leaveOwned(
      TitanUser user,
      String externalId,
      String email,
      String siteId,
      Set<String> ownedHere,
      List<Change> changes,
      List<KeptByHand> kept) {
    Set<String> heldRoles = user.memberships().get(siteId);
    List<String> byHand = notOwned(heldRoles, ownedHere, Set.of());
    if (byHand.isEmpty()) {
      removeMembership(user, externalId, email, siteId, false, changes);
      return;
    }
    boolean whole = byHand.size() == heldRoles.size();
    kept.add(keptByHand(user, externalId, email, siteId, byHand, whole));
    if (whole || holdsProtectedRole(heldRoles)) {
      return;
    }
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
            catalog.membership(siteId, byHand)));
  }

  /** The held roles titan-sync neither owns nor is about to set, sorted. */
  private static List<String> notOwned(Set<String> held, Set<String> owned, Set<String> target) {
    List<String> out = new ArrayList<>(0);
    for (String roleId : held) {
      if ((owned == null || !owned.contains(roleId)) && !target.contains(roleId)) {
        out.add(roleId);
      }
    }
    out.sort(null);
    return out;
  }

  private KeptByHand keptByHand(
      TitanUser user,
      String externalId,
      String email,
      String siteId,
      List<String> roleIds,
      boolean whole) {
    return new KeptByHand(
        externalId,
        email != null ? email : user.email(),
        siteId,
        catalog.siteName(siteId),
        catalog.roleNames(roleIds),
        whole);
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

  /**
   * True when two addresses differ only in letter case and update_email_case is off: Titan's
   * spelling stays (Titan compares addresses ignoring case, so nothing would change for anyone).
   */
  private boolean sameButCase(String titan, String file) {
    return !updateEmailCase && titan != null && file != null && titan.equalsIgnoreCase(file);
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
