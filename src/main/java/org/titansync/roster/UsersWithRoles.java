package org.titansync.roster;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The users.csv of OneRoster 1.2 or SDS v2.1, read after roles.csv: a user with staff roles (or a
 * role row that could not be read cleanly) becomes one staff row per role, named by the role's row;
 * every other user (a student, a guardian) streams by. A role whose user is not in users.csv is a
 * row error.
 */
final class UsersWithRoles {
  private UsersWithRoles() {}

  static void read(CsvTable table, PackageOptions options, RoleRows roles, StaffRows out)
      throws IOException, RosterException {
    UserFields user = new UserFields(table, options, List.of());
    String users = table.position();
    UnaryOperator<String> named =
        field ->
            switch (field) {
              case "site_name" -> "orgSourcedId";
              case "role_names" -> "role";
              default -> user.column(field);
            };
    while (table.next()) {
      List<RoleRows.Held> held = roles.take(user.sourcedId());
      if (held == null) {
        continue;
      }
      int line = table.line();
      String id = user.externalId().isEmpty() ? user.sourcedId() : user.externalId();
      String shape = table.shapeProblem();
      if (shape != null) {
        out.refuse(users, line, null, id, shape, table.cells());
        continue;
      }
      UserFields.Standing standing = user.standing();
      if (standing == UserFields.Standing.DROPPED) {
        continue;
      }
      String email = user.email();
      if (standing == UserFields.Standing.UNCLEAR) {
        out.refuse(users, line, user.unclearField(), id, user.unclear(), List.of(email));
        continue;
      }
      if (email.isEmpty()) {
        out.refuse(users, line, "email", id, user.noEmail(), List.of());
        continue;
      }
      for (RoleRows.Held row : held) {
        if (row instanceof RoleRows.Role r) {
          out.staff(
              roles.position(),
              r.line(),
              user.externalId(),
              user.givenName(),
              user.familyName(),
              email,
              r.siteName(),
              r.role(),
              named);
        } else if (row instanceof RoleRows.Unclear u) {
          out.refuse(roles.position(), u.line(), u.field(), id, u.message(), List.of(email));
        }
      }
    }
    for (Map.Entry<String, List<RoleRows.Held>> left : roles.left().entrySet()) {
      for (RoleRows.Held row : left.getValue()) {
        out.refuse(
            roles.position(),
            row.line(),
            "userSourcedId",
            left.getKey(),
            "user "
                + RowChecks.quote(left.getKey())
                + " is not in "
                + users
                + "; the person loses nothing because of this row",
            List.of());
      }
    }
  }
}
