package org.titansync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/** Small plans for the guardrail tests: changes made by hand, figures set directly. */
final class SamplePlans {
  private final List<Change> changes = new ArrayList<>();
  private final Map<String, Integer> managedBySite = new TreeMap<>();
  private final Map<String, Integer> fileBySite = new TreeMap<>();
  private int dataRows = 100;
  private int managedUsers = 100;
  private int managedMemberships = 100;

  static SamplePlans plan() {
    return new SamplePlans();
  }

  /** A site with this many managed members in Titan and this many people in the file. */
  SamplePlans site(String name, int managed, int inFile) {
    managedBySite.put(name, managed);
    fileBySite.put(name, inFile);
    return this;
  }

  SamplePlans managed(int users, int memberships) {
    this.managedUsers = users;
    this.managedMemberships = memberships;
    return this;
  }

  SamplePlans rows(int rows) {
    this.dataRows = rows;
    return this;
  }

  /** {@code n} people gone from the file, each losing their membership at {@code site}. */
  SamplePlans gone(String site, int n) {
    for (int i = 0; i < n; i++) {
      changes.add(remove("G" + site.hashCode() + "-" + i, site, true));
    }
    return this;
  }

  /** {@code n} people still in the file but no longer at {@code site}. */
  SamplePlans leftSite(String site, int n) {
    for (int i = 0; i < n; i++) {
      changes.add(remove("L" + site.hashCode() + "-" + i, site, false));
    }
    return this;
  }

  SamplePlans deactivations(int n) {
    for (int i = 0; i < n; i++) {
      String id = "D" + i;
      Profile before = new Profile(id, "Dee", "Active", id + "@example.org", true);
      Profile after = new Profile(id, "Dee", "Active", id + "@example.org", false);
      changes.add(
          new UpdateUser(ChangeKind.DEACTIVATE, "u-" + id, id, id + "@example.org", before, after));
    }
    return this;
  }

  SamplePlans updates(int n) {
    for (int i = 0; i < n; i++) {
      String id = "U" + i;
      Profile before = new Profile(id, "Ann", "Old", id + "@example.org", true);
      Profile after = new Profile(id, "Ann", "New", id + "@example.org", true);
      changes.add(
          new UpdateUser(ChangeKind.UPDATE, "u-" + id, id, id + "@example.org", before, after));
    }
    return this;
  }

  SamplePlans links(int n) {
    for (int i = 0; i < n; i++) {
      String id = "K" + i;
      Profile before = new Profile(null, "Kim", "Hand", id + "@example.org", true);
      Profile after = new Profile(id, "Kim", "Hand", id + "@example.org", true);
      changes.add(
          new UpdateUser(ChangeKind.LINK, "u-" + id, id, id + "@example.org", before, after));
    }
    return this;
  }

  SamplePlans creates(String site, int n) {
    for (int i = 0; i < n; i++) {
      String id = "N" + i;
      changes.add(
          new CreateUser(
              id,
              "New",
              "Hire",
              id + "@example.org",
              List.of(new Membership("s-" + site, site, List.of("r1"), List.of("Teacher"))),
              List.of(i + 2)));
    }
    return this;
  }

  SamplePlans roleChanges(String site, int n) {
    for (int i = 0; i < n; i++) {
      String id = "R" + i;
      changes.add(
          new SetRoles(
              "u-" + id,
              id,
              id + "@example.org",
              "s-" + site,
              site,
              List.of("r1"),
              List.of("Teacher"),
              new Membership("s-" + site, site, List.of("r2"), List.of("Principal"))));
    }
    return this;
  }

  /** {@code n} new accounts at {@code site} with the role {@code role}. */
  SamplePlans createsWithRole(String site, int n, String role) {
    for (int i = 0; i < n; i++) {
      String id = "P" + role.hashCode() + "-" + i;
      changes.add(
          new CreateUser(
              id,
              "New",
              "Lead",
              id + "@example.org",
              List.of(new Membership("s-" + site, site, List.of("r9"), List.of(role))),
              List.of(i + 2)));
    }
    return this;
  }

  /** {@code n} people at {@code site} whose roles go from {@code from} to {@code to}. */
  SamplePlans roleMoves(String site, int n, String from, String to) {
    for (int i = 0; i < n; i++) {
      String id = "M" + (from + to).hashCode() + "-" + i;
      changes.add(
          new SetRoles(
              "u-" + id,
              id,
              id + "@example.org",
              "s-" + site,
              site,
              List.of("r-" + from),
              List.of(from),
              new Membership("s-" + site, site, List.of("r-" + to), List.of(to))));
    }
    return this;
  }

  /** {@code n} people who join {@code site} with {@code role} (no membership there before). */
  SamplePlans joins(String site, int n, String role) {
    for (int i = 0; i < n; i++) {
      String id = "J" + role.hashCode() + "-" + i;
      changes.add(
          new SetRoles(
              "u-" + id,
              id,
              id + "@example.org",
              "s-" + site,
              site,
              List.of(),
              List.of(),
              new Membership("s-" + site, site, List.of("r-" + role), List.of(role))));
    }
    return this;
  }

  /** {@code n} people gone from the file who held {@code role} at {@code site}. */
  SamplePlans goneWithRole(String site, int n, String role) {
    for (int i = 0; i < n; i++) {
      String id = "W" + role.hashCode() + "-" + i;
      changes.add(
          new RemoveMembership(
              "u-" + id,
              id,
              id + "@example.org",
              "s-" + site,
              site,
              new Membership("s-" + site, site, List.of("r-" + role), List.of(role)),
              true));
    }
    return this;
  }

  /** {@code n} people whose email moves from example.org to {@code domain}. */
  SamplePlans domainMoves(int n, String domain) {
    for (int i = 0; i < n; i++) {
      String id = "E" + i;
      Profile before = new Profile(id, "Em", "Ail", id + "@example.org", true);
      Profile after = new Profile(id, "Em", "Ail", id + "@" + domain, true);
      changes.add(
          new UpdateUser(ChangeKind.UPDATE, "u-" + id, id, id + "@" + domain, before, after));
    }
    return this;
  }

  SamplePlans add(Change c) {
    changes.add(c);
    return this;
  }

  static RemoveMembership remove(String externalId, String site, boolean personGone) {
    return new RemoveMembership(
        "u-" + externalId,
        externalId,
        externalId.toLowerCase(java.util.Locale.ROOT) + "@example.org",
        "s-" + site,
        site,
        new Membership("s-" + site, site, List.of("r1"), List.of("Teacher")),
        personGone);
  }

  Plan build() {
    int persons = 0;
    for (int n : fileBySite.values()) {
      persons += n;
    }
    return new Plan(
        List.copyOf(changes),
        List.of(),
        List.of(),
        new PlanStats(
            dataRows,
            persons,
            managedUsers,
            managedMemberships,
            Map.copyOf(managedBySite),
            Map.copyOf(fileBySite)));
  }
}
