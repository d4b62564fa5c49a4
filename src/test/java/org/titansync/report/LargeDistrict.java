package org.titansync.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Keeping;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.roster.RowError;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;

/**
 * The first sync of a large district, as a report shows it: thousands of new accounts over many
 * schools, a few people at two schools, people leaving, row errors, and a few names a report must
 * get right (two look-alike surnames, and one that looks like markup pointing outside).
 */
final class LargeDistrict {
  static final String MARIA = "Maria Gonzalez";
  static final String MARIO = "Mario Gonzales";
  static final String MARKUP = "<img src=\"http://example.invalid/pixel.png\">";

  private LargeDistrict() {}

  static String school(int i) {
    String[] kinds = {"Elementary", "Middle School", "High School"};
    String[] names = {
      "Adams", "Bryant", "Carver", "Douglass", "Edison", "Franklin", "Garfield", "Hamilton",
      "Irving", "Jefferson", "Kennedy", "Lincoln", "Madison", "Nightingale", "Owens", "Parks",
      "Quincy", "Roosevelt", "Sequoyah", "Truman"
    };
    return names[i % names.length] + " " + kinds[(i / names.length) % kinds.length];
  }

  /** An applied run of {@code people} new accounts over {@code schools} schools. */
  static RunSummary applied(int people, int schools) {
    List<Change> changes = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < people; i++) {
      String id = String.format(Locale.ROOT, "E%05d", i);
      String first = "First" + i;
      String last = "Last" + (i % 977);
      List<Membership> at = new ArrayList<>();
      at.add(membership(school(i % schools), i % 7 == 0 ? "Office Staff" : "Teacher"));
      if (i % 50 == 0) {
        at.add(membership(school((i + 1) % schools), "Substitute"));
      }
      changes.add(
          new CreateUser(
              id, first, last, id.toLowerCase(Locale.ROOT) + "@mvusd.org", at, List.of(i + 2)));
      names.put(id, first + " " + last);
    }
    // Maria works at two schools; Mario, whose name looks like hers, at a third.
    changes.add(
        new CreateUser(
            "E90001",
            "Maria",
            "Gonzalez",
            "maria.gonzalez@mvusd.org",
            List.of(
                membership("Lincoln Elementary", "Principal"),
                membership("Adams Elementary", "Teacher")),
            List.of(people + 2)));
    changes.add(
        new CreateUser(
            "E90002",
            "Mario",
            "Gonzales",
            "mario.gonzales@mvusd.org",
            List.of(membership("Bryant Elementary", "Teacher")),
            List.of(people + 3)));
    changes.add(
        new CreateUser(
            "E90003",
            MARKUP,
            "O'Neil",
            "oneil@mvusd.org",
            List.of(membership("Carver Elementary", "Teacher")),
            List.of(people + 4)));
    for (int i = 0; i < 40; i++) {
      String id = String.format(Locale.ROOT, "E8%04d", i);
      Membership before = membership(school(i % schools), "Teacher");
      changes.add(
          new RemoveMembership(
              "u-" + id,
              id,
              id.toLowerCase(Locale.ROOT) + "@mvusd.org",
              before.siteId(),
              before.siteName(),
              before,
              true));
      names.put(id, "Leaver " + i);
    }
    for (int i = 0; i < 30; i++) {
      String id = String.format(Locale.ROOT, "E7%04d", i);
      Membership after = membership(school(i % schools), "Principal");
      changes.add(
          new SetRoles(
              "u-" + id,
              id,
              id.toLowerCase(Locale.ROOT) + "@mvusd.org",
              after.siteId(),
              after.siteName(),
              List.of("r-Teacher"),
              List.of("Teacher"),
              after));
      names.put(id, "Promoted " + i);
    }
    names.put("E90001", MARIA);
    names.put("E90002", MARIO);
    List<RowError> errors = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      errors.add(
          new RowError(
              people + 10 + i,
              "site_name",
              "E6" + i,
              "unknown site \"Riverveiw Elementary\": did you mean \"Riverview Elementary\"?",
              "Row Person " + i,
              "row" + i + "@mvusd.org"));
    }
    Plan plan =
        new Plan(
            List.copyOf(changes),
            errors,
            List.of(),
            new PlanStats(people, people, 0, 0, Map.of(), Map.of()),
            Keeping.NONE,
            names);
    Map<String, ChangeOutcome> outcomes = new LinkedHashMap<>();
    for (Change c : changes) {
      outcomes.put(c.key(), new ChangeOutcome(ChangeOutcome.State.DONE, 200, 1, null));
    }
    return new RunSummary(
        "20261126-173621-9f3a",
        "/srv/titan-sync/inbox/staff.csv",
        "2026-11-26T17:36:21+01:00",
        "2026-11-26T17:41:02+01:00",
        RunStatus.APPLIED,
        false,
        plan,
        outcomes,
        List.of(),
        "applied " + changes.size() + " changes",
        List.of());
  }

  private static Membership membership(String site, String role) {
    return new Membership(
        "s-" + site.toLowerCase(Locale.ROOT).replace(' ', '-'),
        site,
        List.of("r-" + role),
        List.of(role));
  }
}
