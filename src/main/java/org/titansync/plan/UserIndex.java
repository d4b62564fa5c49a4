package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Titan's users indexed for the planner: by external_id, by email (case-insensitively), and the
 * figures about managed users (those with an external_id) that the guardrails use. Built one user
 * at a time, so that the reader of Titan's pages can index each page as it arrives and a
 * 100,000-user snapshot is indexed by the time its last page is in. One thread builds it.
 */
public final class UserIndex {
  private final Map<String, TitanUser> byExternalId;
  private final Map<String, TitanUser> byEmail;
  private final Map<String, Integer> managedBySiteId = new HashMap<>();
  private int size;
  private int managedUsers;
  private int managedMemberships;

  /** An empty index with room for about this many users. */
  public UserIndex(int expectedUsers) {
    byExternalId = new HashMap<>(PlanningPass.capacity(expectedUsers));
    byEmail = new HashMap<>(PlanningPass.capacity(expectedUsers));
  }

  /** The index of these users. */
  public static UserIndex of(List<TitanUser> users) {
    UserIndex index = new UserIndex(users.size());
    users.forEach(index::add);
    return index;
  }

  /** Adds the next user; the first of two users with one key keeps it. */
  public void add(TitanUser user) {
    size++;
    if (user.externalId() != null) {
      byExternalId.putIfAbsent(user.externalId(), user);
      managedUsers++;
      managedMemberships += user.memberships().size();
      for (String siteId : user.memberships().keySet()) {
        managedBySiteId.merge(siteId, 1, Integer::sum);
      }
    }
    byEmail.putIfAbsent(lower(user.email()), user);
  }

  /** How many users were added. */
  public int size() {
    return size;
  }

  TitanUser byExternalId(String externalId) {
    return byExternalId.get(externalId);
  }

  /**
   * @param emailKey an email in lower case
   */
  TitanUser byEmail(String emailKey) {
    return byEmail.get(emailKey);
  }

  int managedUsers() {
    return managedUsers;
  }

  int managedMemberships() {
    return managedMemberships;
  }

  /** Site id -> managed users holding a membership there. */
  Map<String, Integer> managedBySiteId() {
    return managedBySiteId;
  }
}
