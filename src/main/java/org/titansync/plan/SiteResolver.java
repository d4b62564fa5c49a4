package org.titansync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.titansync.roster.Person;
import org.titansync.roster.RowError;
import org.titansync.roster.SiteAssignment;

/**
 * Rule 1, sites and roles: turns a file person's site and role names into Titan's ids. A name Titan
 * does not know (after [sites.aliases] and [roles.map]) is a row error naming the line and field,
 * and taints the person, who then loses nothing in this run.
 */
final class SiteResolver {
  private final TitanCatalog catalog;
  private final Set<String> taintedExternalIds;
  private final Set<String> taintedEmails;
  private final List<RowError> errors = new ArrayList<>();

  /**
   * @param taintedExternalIds people with a bad row in the file
   * @param taintedEmails their emails, in lower case
   */
  SiteResolver(TitanCatalog catalog, Set<String> taintedExternalIds, Set<String> taintedEmails) {
    this.catalog = catalog;
    this.taintedExternalIds = taintedExternalIds;
    this.taintedEmails = taintedEmails;
  }

  /** The person's intent with the sites and roles it wants resolved. */
  PersonIntent resolve(Person person) {
    PersonIntent intent = new PersonIntent(person);
    intent.tainted =
        taintedExternalIds.contains(person.externalId()) || taintedEmails.contains(intent.emailKey);
    for (SiteAssignment assignment : person.sites()) {
      TitanSite site = catalog.site(assignment.siteName());
      if (site == null) {
        error(assignment, "site_name", person, unknownSite(assignment.siteName()));
        intent.tainted = true;
        continue;
      }
      if (assignment.roleNames().isEmpty()) {
        error(
            assignment,
            "role_names",
            person,
            "no role named for site \"" + assignment.siteName() + "\"");
        intent.tainted = true;
        continue;
      }
      TitanCatalog.RoleIds roles = catalog.roleIds(assignment.roleNames());
      if (!roles.unknown().isEmpty()) {
        error(assignment, "role_names", person, unknownRoles(roles.unknown()));
        intent.tainted = true;
        continue;
      }
      intent.want(site.id(), roles.ids());
    }
    return intent;
  }

  /** The errors found so far, in the order found. */
  List<RowError> errors() {
    return errors;
  }

  private void error(SiteAssignment assignment, String field, Person person, String message) {
    errors.add(
        new RowError(assignment.line(), field, person.externalId(), message, assignment.source())
            .naming(person.firstName(), person.lastName(), person.email()));
  }

  private String unknownSite(String name) {
    String alias = catalog.siteAlias(name);
    if (alias != null) {
      return "unknown site \""
          + name
          + "\" (mapped to \""
          + alias
          + "\" under [sites.aliases], which is not in Titan"
          + NearestName.to(alias, catalog.knownSiteNames())
              .map(n -> "; did you mean \"" + n + "\"?")
              .orElse("")
          + ")";
    }
    return NearestName.to(name, catalog.knownSiteNames())
        .map(
            near ->
                "unknown site \""
                    + name
                    + "\": did you mean \""
                    + near
                    + "\"? Correct the name in the SIS; only if the SIS must keep it, map it"
                    + " under [sites.aliases]: \""
                    + name
                    + "\" = \""
                    + near
                    + "\"")
        .orElse(
            "unknown site \"" + name + "\" (not in Titan; add it or map it under [sites.aliases])");
  }

  private String unknownRoles(List<String> names) {
    StringBuilder text = new StringBuilder(names.size() == 1 ? "unknown role " : "unknown roles ");
    List<String> guesses = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      text.append(i > 0 ? ", " : "").append('"').append(name).append('"');
      String mapped = catalog.roleMapping(name);
      if (mapped != null) {
        text.append(" (mapped to \"").append(mapped).append("\")");
      }
      NearestName.to(mapped != null ? mapped : name, catalog.knownRoleNames())
          .ifPresent(near -> guesses.add("\"" + name + "\": did you mean \"" + near + "\"?"));
    }
    if (guesses.isEmpty()) {
      return text.append(" (not in Titan; add it or map it under [roles.map])").toString();
    }
    return text.append(" (not in Titan); ")
        .append(String.join(" ", guesses))
        .append(
            " Correct the name in the SIS; only if the SIS must keep it, map it under"
                + " [roles.map]")
        .toString();
  }
}
