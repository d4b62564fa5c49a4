package org.titansync.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Titan as the contract describes it, in memory, for applying plans in tests: POST a user with
 * memberships, PATCH only the fields that differ, PUT a role set, DELETE a membership. Emails are
 * unique case-insensitively and external_ids are unique at every step, as in Titan; a change whose
 * {@code before} does not match the stored state is refused, so a plan's before-images are checked
 * too. As a {@link TitanPort}, it lets the run's and the apply steps' code run without HTTP: a
 * refusal is a write not done, and an answer can be lost after the write was made.
 */
public final class InMemoryTitan implements TitanPort {

  /** What Titan answers with an error status. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }

    /** The status the message starts with; 409 for a before-image Titan does not hold. */
    int status() {
      String first = getMessage().split(" ", 2)[0];
      return first.matches("[0-9]{3}") ? Integer.parseInt(first) : 409;
    }

    /** The API's code, the message's second word after a status. */
    String code() {
      String[] words = getMessage().split(" ", 3);
      return words.length > 1 && words[0].matches("[0-9]{3}") ? words[1] : "conflict";
    }
  }

  /** One write's answer. */
  private record Answer(boolean done, int status, String createdUserId, String code, String message)
      implements WriteOutcome {}

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
  private int answersToLose;
  private int writes;

  public InMemoryTitan(Snapshot snapshot) {
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
  public synchronized Snapshot snapshot() {
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
    apply(change, change.userId());
  }

  /** Makes the change on this user (a create makes its own); returns the user written to. */
  private String apply(Change change, String userId) {
    if (change instanceof CreateUser c) {
      return create(c);
    } else if (change instanceof UpdateUser u) {
      patch(u, userId);
    } else if (change instanceof SetRoles s) {
      putRoles(s, userId);
    } else if (change instanceof RemoveMembership r) {
      deleteMembership(r, userId);
    }
    return userId;
  }

  /** The answers to the next {@code count} writes are lost after each write was made. */
  public synchronized void loseAnswers(int count) {
    answersToLose = count;
  }

  /** Writes made so far (refused ones not counted). */
  public synchronized int writes() {
    return writes;
  }

  @Override
  public synchronized SitesAndRoles readSitesAndRoles() {
    return new SitesAndRoles(sites, roles);
  }

  @Override
  public synchronized Snapshot readUsers(
      SitesAndRoles catalog, java.util.function.Consumer<TitanUser> each) {
    Snapshot now = snapshot();
    now.users().forEach(each);
    return now;
  }

  @Override
  public synchronized Snapshot readSnapshot() {
    return snapshot();
  }

  @Override
  public synchronized Optional<TitanUser> findByExternalId(String externalId) {
    return snapshot().users().stream().filter(u -> externalId.equals(u.externalId())).findFirst();
  }

  @Override
  public synchronized Optional<TitanUser> findById(String userId) {
    return snapshot().users().stream().filter(u -> u.id().equals(userId)).findFirst();
  }

  @Override
  public boolean takesIdempotencyKey(Change change) {
    return change instanceof CreateUser || change instanceof UpdateUser;
  }

  @Override
  public synchronized WriteOutcome write(Change change, String userId, String idempotencyKey)
      throws TitanFailure {
    String written;
    try {
      written = apply(change, userId);
    } catch (Refused e) {
      if (change instanceof RemoveMembership && "not_a_member".equals(e.code())) {
        return new Answer(true, 404, null, e.code(), "already not a member"); // as the client
      }
      return new Answer(false, e.status(), null, e.code(), e.getMessage());
    }
    writes++;
    if (answersToLose > 0) {
      answersToLose--;
      throw new TitanFailure(
          TitanFailure.Handling.TRANSIENT, 0, "lost_answer", "the answer was lost", -1);
    }
    return new Answer(true, 200, change instanceof CreateUser ? written : null, null, null);
  }

  @Override
  public Pace pace() {
    return new Pace() {
      @Override
      public double rate() {
        return Double.POSITIVE_INFINITY;
      }

      @Override
      public java.util.OptionalDouble announcedRate() {
        return java.util.OptionalDouble.empty();
      }
    };
  }

  private String create(CreateUser c) {
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
    return id;
  }

  private void patch(UpdateUser u, String userId) {
    Account account = existing(userId);
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

  private void putRoles(SetRoles s, String userId) {
    Account account = existing(userId);
    List<String> held = TitanCatalog.sorted(account.memberships.getOrDefault(s.siteId(), Set.of()));
    if (!held.equals(s.beforeRoleIds())) {
      throw new Refused(s.key() + ": before " + s.beforeRoleIds() + " but Titan holds " + held);
    }
    account.memberships.put(s.siteId(), validRoles(s.siteId(), s.after().roleIds()));
  }

  private void deleteMembership(RemoveMembership r, String userId) {
    Account account = existing(userId);
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
