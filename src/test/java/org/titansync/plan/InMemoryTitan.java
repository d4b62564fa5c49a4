package org.titansync.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Titan as the contract describes it, in memory, for applying plans in tests: POST a user with
 * memberships, PATCH only the fields that differ, PUT a role set, DELETE a membership. Emails are
 * unique case-insensitively and external_ids are unique at every step, as in Titan; a change whose
 * {@code before} does not match the stored state is refused, so a plan's before-images are checked
 * too.
 */
final class InMemoryTitan {

  /** What Titan answers with an error status. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static final class Account {
    final String id;
    String externalId;
    String firstName;
    String lastName;
    String email;
    boolean active;
    final Map<String, Set<String>> memberships = new TreeMap<>();

    Account(String id) {
      this.id = id;
    }

    Profile profile() {
      return new Profile(externalId, firstName, lastName, email, active);
    }
  }

  private final List<TitanSite> sites;
  private final List<TitanRole> roles;
  private final Set<String> siteIds = new HashSet<>();
  private final Set<String> roleIds = new HashSet<>();
  private final Map<String, Account> accounts = new LinkedHashMap<>();

  InMemoryTitan(Snapshot snapshot) {
    this.sites = snapshot.sites();
    this.roles = snapshot.roles();
    sites.forEach(s -> siteIds.add(s.id()));
    roles.forEach(r -> roleIds.add(r.id()));
    for (TitanUser user : snapshot.users()) {
      Account account = new Account(user.id());
      account.externalId = user.externalId();
      account.firstName = user.firstName();
      account.lastName = user.lastName();
      account.email = user.email();
      account.active = user.active();
      user.memberships().forEach((site, held) -> account.memberships.put(site, Set.copyOf(held)));
      accounts.put(user.id(), account);
    }
  }

  /** Titan's state now, as the next run's snapshot would read it. */
  Snapshot snapshot() {
    List<TitanUser> users = new ArrayList<>();
    for (Account a : accounts.values()) {
      users.add(
          new TitanUser(
              a.id,
              a.externalId,
              a.firstName,
              a.lastName,
              a.email,
              a.active,
              Collections.unmodifiableMap(new TreeMap<>(a.memberships))));
    }
    return new Snapshot(sites, roles, List.copyOf(users));
  }

  /**
   * Applies a plan as the apply step may: every phase-0 change first, then each person's changes in
   * their order, the people one after another in plan order or in reverse (people may run in any
   * order, so both must work).
   */
  void apply(Plan plan, boolean peopleReversed) {
    Map<String, List<Change>> byPerson = new LinkedHashMap<>();
    for (Change change : plan.changes()) {
      if (change.phase() == 0) {
        apply(change);
      } else {
        byPerson.computeIfAbsent(change.externalId(), k -> new ArrayList<>()).add(change);
      }
    }
    List<List<Change>> people = new ArrayList<>(byPerson.values());
    if (peopleReversed) {
      Collections.reverse(people);
    }
    for (List<Change> changes : people) {
      changes.forEach(this::apply);
    }
  }

  void apply(Change change) {
    if (change instanceof CreateUser c) {
      create(c);
    } else if (change instanceof UpdateUser u) {
      patch(u);
    } else if (change instanceof SetRoles s) {
      putRoles(s);
    } else if (change instanceof RemoveMembership r) {
      deleteMembership(r);
    }
  }

  private void create(CreateUser c) {
    String id = "new-" + c.externalId();
    if (accounts.containsKey(id)) {
      throw new Refused("409 id taken " + id);
    }
    requireFreeExternalId(c.externalId(), null);
    requireFreeEmail(c.email(), null);
    Account account = new Account(id);
    account.externalId = c.externalId();
    account.firstName = c.firstName();
    account.lastName = c.lastName();
    account.email = c.email();
    account.active = true;
    for (Membership m : c.memberships()) {
      account.memberships.put(m.siteId(), validRoles(m.siteId(), m.roleIds()));
    }
    accounts.put(id, account);
  }

  private void patch(UpdateUser u) {
    Account account = existing(u.userId());
    if (!account.profile().equals(u.before())) {
      throw new Refused(
          u.key() + ": before " + u.before() + " but Titan holds " + account.profile());
    }
    Profile before = u.before();
    Profile after = u.after();
    if (before.equals(after)) {
      throw new Refused("422 empty PATCH for " + u.key());
    }
    if (!Objects.equals(before.externalId(), after.externalId())) {
      requireFreeExternalId(after.externalId(), account.id);
      account.externalId = after.externalId();
    }
    if (!before.email().equals(after.email())) {
      requireFreeEmail(after.email(), account.id);
      account.email = after.email();
    }
    account.firstName = after.firstName();
    account.lastName = after.lastName();
    account.active = after.active();
  }

  private void putRoles(SetRoles s) {
    Account account = existing(s.userId());
    List<String> held = TitanCatalog.sorted(account.memberships.getOrDefault(s.siteId(), Set.of()));
    if (!held.equals(s.beforeRoleIds())) {
      throw new Refused(s.key() + ": before " + s.beforeRoleIds() + " but Titan holds " + held);
    }
    account.memberships.put(s.siteId(), validRoles(s.siteId(), s.after().roleIds()));
  }

  private void deleteMembership(RemoveMembership r) {
    Account account = existing(r.userId());
    Set<String> held = account.memberships.remove(r.siteId());
    if (held == null) {
      throw new Refused("404 not_a_member " + r.key());
    }
    if (!TitanCatalog.sorted(held).equals(r.before().roleIds())) {
      throw new Refused(r.key() + ": before " + r.before() + " but Titan held " + held);
    }
  }

  private Account existing(String userId) {
    Account account = userId == null ? null : accounts.get(userId);
    if (account == null) {
      throw new Refused("404 user_not_found " + userId);
    }
    return account;
  }

  private Set<String> validRoles(String siteId, List<String> ids) {
    if (!siteIds.contains(siteId)) {
      throw new Refused("422 unknown_site " + siteId);
    }
    if (ids.isEmpty() || !roleIds.containsAll(ids)) {
      throw new Refused("422 bad role_ids " + ids);
    }
    return Set.copyOf(ids);
  }

  private void requireFreeEmail(String email, String exceptId) {
    String key = email.toLowerCase(Locale.ROOT);
    for (Account a : accounts.values()) {
      if (!a.id.equals(exceptId) && a.email.toLowerCase(Locale.ROOT).equals(key)) {
        throw new Refused("409 email_taken " + email + " by " + a.id);
      }
    }
  }

  private void requireFreeExternalId(String externalId, String exceptId) {
    if (externalId == null) {
      return;
    }
    for (Account a : accounts.values()) {
      if (!a.id.equals(exceptId) && externalId.equals(a.externalId)) {
        throw new Refused("409 external_id_taken " + externalId + " by " + a.id);
      }
    }
  }
}
