package org.titansync.roster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A OneRoster 1.1 users.csv: one role per user, held at every org in its {@code orgSourcedIds} (a
 * comma-separated list, quoted). Students, guardians and the like are skipped as they stream by,
 * before any check, so that a teacher who is also a parent (two users, one email) is one person.
 */
final class UsersWithOrgs {
  private UsersWithOrgs() {}

  static void read(
      CsvTable table, PackageOptions options, StaffRoles roles, OrgSites orgs, StaffRows out)
      throws IOException, RosterException {
    UserFields user = new UserFields(table, options, List.of("orgSourcedIds", "role"));
    int roleColumn = table.column("role");
    int orgsColumn = table.column("orgSourcedIds");
    String source = table.position();
    UnaryOperator<String> named =
        field ->
            switch (field) {
              case "site_name" -> "orgSourcedIds";
              case "role_names" -> "role";
              default -> user.column(field);
            };
    while (table.next()) {
      int line = table.line();
      String shape = table.shapeProblem();
      if (shape != null) {
        out.refuse(source, line, null, user.externalId(), shape, table.cells());
        continue;
      }
      UserFields.Standing standing = user.standing();
      if (standing == UserFields.Standing.DROPPED) {
        continue;
      }
      String role = table.get(roleColumn);
      StaffRoles.Kind kind = roles.kind(role);
      if (kind == StaffRoles.Kind.IGNORED) {
        continue;
      }
      String id = user.externalId();
      String email = user.email();
      if (standing == UserFields.Standing.UNCLEAR) {
        out.refuse(source, line, user.unclearField(), id, user.unclear(), List.of(email));
        continue;
      }
      if (kind == StaffRoles.Kind.UNKNOWN) {
        out.refuse(source, line, "role", id, roles.unknown(role), List.of(email));
        continue;
      }
      if (email.isEmpty()) {
        out.refuse(source, line, "email", id, user.noEmail(), List.of());
        continue;
      }
      List<String> orgIds = split(table.get(orgsColumn));
      if (orgIds.isEmpty()) {
        out.refuse(
            source,
            line,
            "orgSourcedIds",
            id,
            "empty orgSourcedIds: the user is at no org; the person loses nothing because of"
                + " this row",
            List.of(email));
        continue;
      }
      for (String orgId : orgIds) {
        OrgSites.Lookup lookup = orgs.site(orgId);
        if (lookup instanceof OrgSites.Lookup.Site site) {
          out.staff(
              source,
              line,
              id,
              user.givenName(),
              user.familyName(),
              email,
              site.name(),
              role,
              named);
        } else if (lookup instanceof OrgSites.Lookup.Problem problem) {
          out.refuse(
              source,
              line,
              "orgSourcedIds",
              id,
              problem.message() + "; the person loses nothing because of this row",
              List.of(email));
        }
      }
    }
  }

  /** The ids of a comma-separated cell, trimmed, without empty ones. */
  static List<String> split(String cell) {
    List<String> ids = new ArrayList<>(2);
    int start = 0;
    for (int i = 0; i <= cell.length(); i++) {
      if (i == cell.length() || cell.charAt(i) == ',') {
        String id = CellText.trim(cell.substring(start, i));
        if (!id.isEmpty() && !ids.contains(id)) {
          ids.add(id);
        }
        start = i + 1;
      }
    }
    return ids;
  }
}
