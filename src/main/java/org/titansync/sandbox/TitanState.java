package org.titansync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tenant's data and the rules that guard it: uniqueness of emails (case-insensitive) and
 * external ids, known sites and roles. Users live in a {@link UserTable}, sorted by id with their
 * keys indexed. Every method is synchronized; values are immutable records, so callers turn them
 * into JSON outside the lock.
 */
final class TitanState {

  record Site(String id, String name, String code, boolean active) {}

  record Role(String id, String name) {}

  /**
   * A user as stored.
   *
   * @param memberships site id -> role ids, sorted by site id, unmodifiable
   */
  record User(
      String id,
      String externalId,
      String firstName,
      String lastName,
      String email,
      String status,
      SortedMap<String, List<String>> memberships,
      Instant createdAt,
      Instant updatedAt) {

    User {
      TreeMap<String, List<String>> copy = new TreeMap<>();
      memberships.forEach((site, roles) -> copy.put(site, List.copyOf(roles)));
      memberships = Collections.unmodifiableSortedMap(copy);
    }

    User withMemberships(SortedMap<String, List<String>> value, Instant at) {
      return new User(id, externalId, firstName, lastName, email, status, value, createdAt, at);
    }

    User withUpdatedAt(Instant at) {
      return withMemberships(memberships, at);
    }

    User withId(String value) {
      return new User(
          value, externalId, firstName, lastName, email, status, memberships, createdAt, updatedAt);
    }
  }

  /** A POST /users body after validation. */
  record NewUser(
      String externalId,
      String firstName,
      String lastName,
      String email,
      SortedMap<String, List<String>> memberships) {}

  /**
   * A PATCH /users/{id} body after validation: null fields stay as they are, except external_id,
   * which {@code setsExternalId} says was sent (possibly as null).
   */
  record UserPatch(
      boolean setsExternalId,
      String externalId,
      String firstName,
      String lastName,
      String email,
      String status) {}

  /** One page of a list; {@code more} is true when items follow the last one. */
  record Page<T>(List<T> items, boolean more) {}

  /** Everything the state holds, in the order of the seed/state file. */
  record Image(
      Map<String, String> apiKeys,
      List<Site> sites,
      List<Role> roles,
      List<User> users,
      long nextUserNumber) {}

  private final Clock clock;
  private final Runnable onChange;
  private final Map<String, String> apiKeys = new LinkedHashMap<>();
  private final TreeMap<String, Site> sites = new TreeMap<>();
  private final TreeMap<String, Role> roles = new TreeMap<>();
  private final UserTable users = new UserTable();
  private long nextUserNumber = 1;

  /**
   * @param onChange called (under the lock) after every change an API call committed
   */
  TitanState(Clock clock, Runnable onChange) {
    this.clock = clock;
    this.onChange = onChange;
  }

  static String lower(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  // ---- reads ----

  synchronized String accessOf(String apiKey) {
    return apiKeys.get(apiKey);
  }

  synchronized Page<Site> sites(String afterId, int limit) {
    return page(sites, afterId, limit);
  }

  synchronized Page<Role> roles(String afterId, int limit) {
    return page(roles, afterId, limit);
  }

  synchronized Page<User> users(String afterId, int limit) {
    return page(users.byId(), afterId, limit);
  }

  synchronized User user(String id) {
    return users.get(id);
  }

  synchronized User userByEmail(String email) {
    String id = users.idOfEmail(email);
    return id == null ? null : users.get(id);
  }

  synchronized User userByExternalId(String externalId) {
    String id = users.idOfExternalId(externalId);
    return id == null ? null : users.get(id);
  }

  synchronized int userCount() {
    return users.size();
  }

  private static <T> Page<T> page(NavigableMap<String, T> all, String afterId, int limit) {
    NavigableMap<String, T> rest = afterId == null ? all : all.tailMap(afterId, false);
    List<T> items = new ArrayList<>(Math.min(limit, rest.size()));
    Iterator<T> it = rest.values().iterator();
    while (items.size() < limit && it.hasNext()) {
      items.add(it.next());
    }
    return new Page<>(items, it.hasNext());
  }

  // ---- writes ----

  synchronized User create(NewUser in) {
    requireKnown(in.memberships());
    String holder = users.idOfEmail(in.email());
    if (holder != null) {
      throw ApiError.taken("email_taken", "email " + in.email(), holder);
    }
    if (in.externalId() != null) {
      holder = users.idOfExternalId(in.externalId());
      if (holder != null) {
        throw ApiError.taken("external_id_taken", "external_id " + in.externalId(), holder);
      }
    }
    Instant now = now();
    User user =
        new User(
            nextUserId(),
            in.externalId(),
            in.firstName(),
            in.lastName(),
            in.email(),
            "active",
            in.memberships(),
            now,
            now);
    users.put(user);
    onChange.run();
    return user;
  }

  synchronized User patch(String userId, UserPatch p) {
    User old = requireUser(userId);
    if (p.email() != null) {
      String holder = users.idOfEmail(p.email());
      if (holder != null && !holder.equals(userId)) {
        throw ApiError.taken("email_taken", "email " + p.email(), holder);
      }
    }
    if (p.setsExternalId() && p.externalId() != null) {
      String holder = users.idOfExternalId(p.externalId());
      if (holder != null && !holder.equals(userId)) {
        throw ApiError.taken("external_id_taken", "external_id " + p.externalId(), holder);
      }
    }
    User changed =
        new User(
            userId,
            p.setsExternalId() ? p.externalId() : old.externalId(),
            p.firstName() != null ? p.firstName() : old.firstName(),
            p.lastName() != null ? p.lastName() : old.lastName(),
            p.email() != null ? p.email() : old.email(),
            p.status() != null ? p.status() : old.status(),
            old.memberships(),
            old.createdAt(),
            old.updatedAt());
    if (changed.equals(old)) {
      return old;
    }
    User updated = changed.withUpdatedAt(now());
    users.remove(old);
    users.put(updated);
    onChange.run();
    return updated;
  }

  /** Sets the user's role set at a site, creating the membership; returns the roles stored. */
  synchronized List<String> putMembership(String userId, String siteId, List<String> roleIds) {
    User old = requireUser(userId);
    if (!sites.containsKey(siteId)) {
      throw ApiError.notFound(
          "site_not_found", "No site with id " + siteId, Map.of("site_id", siteId));
    }
    requireRoles(siteId, roleIds);
    List<String> stored = List.copyOf(roleIds);
    if (stored.equals(old.memberships().get(siteId))) {
      return stored;
    }
    TreeMap<String, List<String>> memberships = new TreeMap<>(old.memberships());
    memberships.put(siteId, stored);
    users.replaceSameKeys(old.withMemberships(memberships, now()));
    onChange.run();
    return stored;
  }

  synchronized void deleteMembership(String userId, String siteId) {
    User old = requireUser(userId);
    if (!old.memberships().containsKey(siteId)) {
      throw ApiError.notFound(
          "not_a_member",
          "User " + userId + " has no membership at site " + siteId,
          Map.of("user_id", userId, "site_id", siteId));
    }
    TreeMap<String, List<String>> memberships = new TreeMap<>(old.memberships());
    memberships.remove(siteId);
    users.replaceSameKeys(old.withMemberships(memberships, now()));
    onChange.run();
  }

  private User requireUser(String userId) {
    User user = users.get(userId);
    if (user == null) {
      throw ApiError.notFound(
          "user_not_found", "No user with id " + userId, Map.of("user_id", userId));
    }
    return user;
  }

  private void requireKnown(Map<String, List<String>> memberships) {
    for (Map.Entry<String, List<String>> m : memberships.entrySet()) {
      if (!sites.containsKey(m.getKey())) {
        throw new ApiError(
            422, "unknown_site", "No site with id " + m.getKey(), Map.of("site_id", m.getKey()));
      }
      requireRoles(m.getKey(), m.getValue());
    }
  }

  private void requireRoles(String siteId, List<String> roleIds) {
    for (String roleId : roleIds) {
      if (!roles.containsKey(roleId)) {
        throw new ApiError(
            422,
            "unknown_role",
            "No role with id " + roleId,
            Map.of("role_id", roleId, "site_id", siteId));
      }
    }
  }

  private String nextUserId() {
    String id;
    do {
      id = String.format(Locale.ROOT, "u_%07d", nextUserNumber++);
    } while (users.contains(id));
    return id;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  // ---- whole-state operations (seed, state file, test hooks); not counted as API changes ----

  synchronized Image image() {
    return new Image(
        new LinkedHashMap<>(apiKeys),
        new ArrayList<>(sites.values()),
        new ArrayList<>(roles.values()),
        new ArrayList<>(users.all()),
        nextUserNumber);
  }

  /** Replaces everything; the image is checked first, so a bad one leaves the state as it was. */
  synchronized void replace(Image image) {
    TitanState check = new TitanState(clock, () -> {});
    check.apiKeys.putAll(image.apiKeys());
    image.sites().forEach(check::addSite);
    image.roles().forEach(check::addRole);
    check.nextUserNumber = Math.max(1, image.nextUserNumber());
    image.users().forEach(check::addUser);

    apiKeys.clear();
    apiKeys.putAll(check.apiKeys);
    sites.clear();
    sites.putAll(check.sites);
    roles.clear();
    roles.putAll(check.roles);
    users.copyFrom(check.users);
    nextUserNumber = check.nextUserNumber;
  }

  synchronized void addSite(Site site) {
    for (Site other : sites.values()) {
      if (!other.id().equals(site.id()) && other.name().equalsIgnoreCase(site.name())) {
        throw new IllegalArgumentException("two sites are named " + site.name());
      }
    }
    sites.put(site.id(), site);
  }

  synchronized void addRole(Role role) {
    for (Role other : roles.values()) {
      if (!other.id().equals(role.id()) && other.name().equalsIgnoreCase(role.name())) {
        throw new IllegalArgumentException("two roles are named " + role.name());
      }
    }
    roles.put(role.id(), role);
  }

  /**
   * Adds a user as given (a null id gets the next free one), enforcing the same uniqueness and
   * reference rules as the API; returns the stored user.
   */
  synchronized User addUser(User given) {
    String name = given.id() != null ? given.id() : "a new user";
    if (given.id() != null && users.contains(given.id())) {
      throw new IllegalArgumentException("two users have the id " + given.id());
    }
    String holder = users.idOfEmail(given.email());
    if (holder != null) {
      throw new IllegalArgumentException(
          "users " + holder + " and " + name + " share the email " + given.email());
    }
    holder = users.idOfExternalId(given.externalId());
    if (holder != null) {
      throw new IllegalArgumentException(
          "users " + holder + " and " + name + " share the external_id " + given.externalId());
    }
    try {
      requireKnown(given.memberships());
    } catch (ApiError e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    // the id is taken only once the user is known to fit
    User user = given.id() != null ? given : given.withId(nextUserId());
    users.put(user);
    nextUserNumber = Math.max(nextUserNumber, numberOf(user.id()) + 1);
    return user;
  }

  /** The number in an id such as u_0000042, or 0 for ids of another shape. */
  private static long numberOf(String userId) {
    if (userId.length() > 2 && userId.startsWith("u_")) {
      String digits = userId.substring(2);
      if (digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Long.parseLong(digits);
      }
    }
    return 0;
  }
}
