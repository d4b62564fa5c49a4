package org.titansync.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.titansync.config.RosterSettings.DepartmentSite;
import org.titansync.config.RosterSettings.DisabledUsers;
import org.titansync.config.RosterSettings.MergeBy;
import org.titansync.config.RosterSettings.RoleDates;
import org.titansync.config.RosterSettings.SecondaryRoles;
import org.titansync.config.RosterSettings.SiteKey;
import org.titansync.roster.PackageOptions;

/** Reads {@code [roster]}: the kind of export, and how a OneRoster or SDS package is mapped. */
final class RosterSection {
  private RosterSection() {}

  static RosterSettings read(ConfigReader reader) {
    Set<String> staff = reader.names("roster", "staff_roles", true);
    Set<String> ignored = reader.names("roster", "ignore_roles", true);
    Set<String> both = new LinkedHashSet<>(staff);
    both.retainAll(ignored);
    if (!both.isEmpty()) {
      reader.problem(
          List.of("roster", "ignore_roles"),
          "also listed under staff_roles: "
              + String.join(", ", both)
              + "; a role is either staff or ignored");
    }
    String externalId = reader.string("roster", "external_id", "sourcedId").strip();
    if (externalId.isEmpty()) {
      reader.problem(List.of("roster", "external_id"), "must name a column of users.csv");
      externalId = "sourcedId";
    }
    List<String> emailFrom = new ArrayList<>();
    for (String column : reader.strings("roster", "email_from", List.of("email", "username"))) {
      if (column.isBlank()) {
        reader.problem(List.of("roster", "email_from"), "entries cannot be empty");
      } else if (!emailFrom.contains(column.strip())) {
        emailFrom.add(column.strip());
      }
    }
    if (emailFrom.isEmpty()) {
      reader.problem(List.of("roster", "email_from"), "must name at least one column of users.csv");
      emailFrom.add("email");
    }
    return new RosterSettings(
        reader.word("roster", "format", PackageOptions.Expect.AUTO, PackageOptions.Expect.class),
        staff,
        ignored,
        externalId,
        emailFrom,
        domain(reader),
        reader.bool("roster", "lowercase_email", true),
        reader.word("roster", "site_key", SiteKey.NAME, SiteKey.class),
        reader.word("roster", "department_site", DepartmentSite.PARENT, DepartmentSite.class),
        reader.word("roster", "disabled_users", DisabledUsers.EXCLUDE, DisabledUsers.class),
        roleDates(reader),
        reader.word("roster", "secondary_roles", SecondaryRoles.KEEP, SecondaryRoles.class),
        reader.word("roster", "merge_by", MergeBy.EXTERNAL_ID, MergeBy.class),
        reader.whole(
            "roster", "max_unpacked_mb", PackageOptions.DEFAULT_MAX_UNPACKED_MB, 1, 1_048_576));
  }

  /** A domain such as {@code mvusd.org}; a leading {@code @} is dropped. */
  private static String domain(ConfigReader reader) {
    String domain = reader.string("roster", "username_domain", "").strip();
    if (domain.startsWith("@")) {
      domain = domain.substring(1);
    }
    boolean plausible =
        domain.isEmpty()
            || (domain.indexOf('.') > 0
                && !domain.endsWith(".")
                && domain.chars().noneMatch(c -> c == '@' || Character.isWhitespace(c)));
    if (!plausible) {
      reader.problem(
          List.of("roster", "username_domain"),
          "must be a domain such as \"mvusd.org\", got \"" + domain + "\"");
      return "";
    }
    return domain.toLowerCase(Locale.ROOT);
  }

  /** "ignore" or "honour" (the American "honor" is taken too). */
  private static RoleDates roleDates(ConfigReader reader) {
    if ("honor".equalsIgnoreCase(reader.string("roster", "role_dates", "").strip())) {
      return RoleDates.HONOUR;
    }
    return reader.word("roster", "role_dates", RoleDates.IGNORE, RoleDates.class);
  }
}
