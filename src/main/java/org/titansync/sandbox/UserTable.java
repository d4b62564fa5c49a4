package org.titansync.sandbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.titansync.sandbox.TitanState.User;

/**
 * The users, sorted by id so that a page seeks to its cursor instead of scanning from the start,
 * with their unique keys indexed: email (case-insensitively) and external_id. Checks no rule and
 * holds no lock: {@link TitanState} does both.
 */
final class UserTable {
  private final TreeMap<String, User> byId = new TreeMap<>();
  private final Map<String, String> idByEmail = new HashMap<>();
  private final Map<String, String> idByExternalId = new HashMap<>();

  User get(String id) {
    return byId.get(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  int size() {
    return byId.size();
  }

  /** In id order, for paging; not to be changed. */
  NavigableMap<String, User> byId() {
    return byId;
  }

  Collection<User> all() {
    return byId.values();
  }

  /** The id of the user holding this email, in any case, or null. */
  String idOfEmail(String email) {
    return idByEmail.get(TitanState.lower(email));
  }

  /** The id of the user holding this external id, or null (also for a null one). */
  String idOfExternalId(String externalId) {
    return externalId == null ? null : idByExternalId.get(externalId);
  }

  /** Stores a user whose keys are free (or its own), indexing them. */
  void put(User user) {
    byId.put(user.id(), user);
    idByEmail.put(TitanState.lower(user.email()), user.id());
    if (user.externalId() != null) {
      idByExternalId.put(user.externalId(), user.id());
    }
  }

  /** Stores a new version of a user whose email and external id did not change. */
  void replaceSameKeys(User user) {
    byId.put(user.id(), user);
  }

  void remove(User user) {
    byId.remove(user.id());
    idByEmail.remove(TitanState.lower(user.email()));
    if (user.externalId() != null) {
      idByExternalId.remove(user.externalId());
    }
  }

  /** Becomes a copy of {@code other}. */
  void copyFrom(UserTable other) {
    byId.clear();
    byId.putAll(other.byId);
    idByEmail.clear();
    idByEmail.putAll(other.idByEmail);
    idByExternalId.clear();
    idByExternalId.putAll(other.idByExternalId);
  }
}
