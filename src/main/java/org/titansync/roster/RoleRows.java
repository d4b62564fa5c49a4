package org.titansync.roster;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The roles.csv of OneRoster 1.2 or SDS v2.1: one row per role of a user at an org. Only what staff
 * need is kept as it streams by, per user in file order: their staff roles at sites, and the rows
 * that could not be read cleanly. A student's row is dropped at once, so a district's million
 * students cost nothing here.
 */
final class RoleRows {
  /** One kept row of a user's. */
  sealed interface Held {
    int line();
  }

  /** A staff role at a site. */
  record Role(int line, String siteName, String role) implements Held {}

  /** A row not read cleanly, to become a row error once the user's email is known. */
  record Unclear(int line, String field, String message) implements Held {}

  private final Map<String, List<Held>> byUser = new LinkedHashMap<>();
  private final String position;

  private RoleRows(String position) {
    this.position = position;
  }

  String position() {
    return position;
  }

  /** The rows kept for a user, taken out; null when the user has none. */
  List<Held> take(String userSourcedId) {
    return byUser.remove(userSourcedId);
  }

  /** The rows of users that users.csv never named. */
  Map<String, List<Held>> left() {
    return byUser;
  }

  /**
   * Reads roles.csv.
   *
   * @param sds SDS's columns (isPrimary, roleStartDate, roleEndDate) rather than OneRoster's
   *     (roleType, beginDate, endDate, status)
   * @param unreadable where a row that names no user goes: nobody can be protected by it
   */
  static RoleRows read(
      CsvTable table,
      boolean sds,
      PackageOptions options,
      StaffRoles roles,
      OrgSites orgs,
      StaffRows unreadable)
      throws IOException, RosterException {
    table.header(
        sds
            ? List.of("userSourcedId", "orgSourcedId", "role")
            : List.of("userSourcedId", "roleType", "role", "orgSourcedId"));
    RoleRows kept = new RoleRows(table.position());
    int user = table.column("userSourcedId");
    int org = table.column("orgSourcedId");
    int role = table.column("role");
    int status = table.column("status");
    int kind = table.column(sds ? "isPrimary" : "roleType");
    int begin = table.column(sds ? "roleStartDate" : "beginDate");
    int end = table.column(sds ? "roleEndDate" : "endDate");
    while (table.next()) {
      int line = table.line();
      String userId = table.get(user);
      String shape = table.shapeProblem();
      if (userId.isEmpty() || shape != null) {
        String why =
            shape != null
                ? shape
                : "empty userSourcedId: the row names nobody, and nobody can be protected by it";
        if (userId.isEmpty()) {
          unreadable.refuse(kept.position, line, "userSourcedId", null, why, table.cells());
        } else {
          kept.hold(userId, new Unclear(line, null, why));
        }
        continue;
      }
      String state = table.get(status).toLowerCase(Locale.ROOT);
      if (state.equals("tobedeleted") || state.equals("inactive")) {
        continue;
      }
      String value = table.get(role);
      StaffRoles.Kind roleKind = roles.kind(value);
      if (roleKind == StaffRoles.Kind.IGNORED) {
        continue;
      }
      if (!state.isEmpty() && !state.equals("active")) {
        kept.hold(
            userId,
            new Unclear(
                line,
                "status",
                "status "
                    + RowChecks.quote(table.get(status))
                    + " is not active, inactive or tobedeleted; the person loses nothing because"
                    + " of this row"));
        continue;
      }
      if (roleKind == StaffRoles.Kind.UNKNOWN) {
        kept.hold(userId, new Unclear(line, "role", roles.unknown(value)));
        continue;
      }
      String secondary = secondary(table.get(kind), sds);
      if (secondary == null) {
        kept.hold(
            userId,
            new Unclear(
                line,
                sds ? "isPrimary" : "roleType",
                (sds ? "isPrimary " : "roleType ")
                    + RowChecks.quote(table.get(kind))
                    + (sds ? " is neither true nor false" : " is neither primary nor secondary")
                    + "; the person loses nothing because of this row"));
        continue;
      }
      if (secondary.equals("yes") && !options.keepSecondary()) {
        continue;
      }
      if (options.honourRoleDates()) {
        String outside = outsideDates(table, begin, end, options.today(), sds);
        if (outside != null && !outside.isEmpty()) {
          kept.hold(userId, new Unclear(line, outside.substring(0, outside.indexOf(' ')), outside));
          continue;
        }
        if (outside != null) {
          continue;
        }
      }
      OrgSites.Lookup site = orgs.site(table.get(org));
      if (site instanceof OrgSites.Lookup.Site s) {
        kept.hold(userId, new Role(line, s.name(), value));
      } else if (site instanceof OrgSites.Lookup.Problem problem) {
        kept.hold(
            userId,
            new Unclear(
                line,
                "orgSourcedId",
                problem.message() + "; the person loses nothing because of this row"));
      }
    }
    return kept;
  }

  private void hold(String userId, Held row) {
    byUser.computeIfAbsent(userId, k -> new ArrayList<>(2)).add(row);
  }

  /** "yes", "no", or null when the cell says neither. */
  private static String secondary(String cell, boolean sds) {
    String value = cell.toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      return "no";
    }
    if (sds) {
      return value.equals("true") ? "no" : value.equals("false") ? "yes" : null;
    }
    return value.equals("primary") ? "no" : value.equals("secondary") ? "yes" : null;
  }

  /**
   * With [roster] role_dates = "honour": null when today is within the role's dates; empty when it
   * is outside them (the role is skipped); the problem when a date cannot be read, starting with
   * the column's name.
   */
  private static String outsideDates(
      CsvTable table, int begin, int end, LocalDate today, boolean sds) {
    String[] names =
        sds ? new String[] {"roleStartDate", "roleEndDate"} : new String[] {"beginDate", "endDate"};
    int[] columns = {begin, end};
    for (int i = 0; i < 2; i++) {
      String cell = table.get(columns[i]);
      if (cell.isEmpty()) {
        continue;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(cell.length() >= 10 ? cell.substring(0, 10) : cell);
      } catch (DateTimeParseException e) {
        return names[i]
            + " "
            + RowChecks.quote(cell)
            + " is not a date such as 2026-08-15; the person loses nothing because of this row";
      }
      if (i == 0 ? date.isAfter(today) : date.isBefore(today)) {
        return "";
      }
    }
    return null;
  }
}
