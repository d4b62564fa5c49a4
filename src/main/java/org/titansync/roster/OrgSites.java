package org.titansync.roster;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * orgs.csv as sites: which site each org id means. A school is the site of its name; a district,
 * state or local org too, for [sites.aliases] to map ("Mountain View USD" to "District Office"); a
 * department is its parent school's site when the parent is in orgs.csv, else its own, with a note.
 * An org marked {@code tobedeleted} takes its people's assignments with it; an org that cannot be
 * read cleanly (named twice, an unknown status, no name) makes every assignment to it a row error,
 * so that nobody loses a site because of it.
 */
final class OrgSites {
  /** The most departments climbed to find a school: a loop of parents ends here. */
  private static final int MAX_DEPTH = 10;

  /** What an org id in a user's or role's row means. */
  sealed interface Lookup {
    /** The site of that org. */
    record Site(String name) implements Lookup {}

    /** The org is being deleted: the assignment is dropped. */
    record Dropped() implements Lookup {}

    /** The assignment cannot be read cleanly: a row error. */
    record Problem(String message) implements Lookup {}
  }

  private record Org(
      String id, String key, String name, String type, String parent, String problem, int line) {

    boolean isDepartment() {
      return "department".equals(type);
    }
  }

  private static final Lookup.Dropped DROPPED = new Lookup.Dropped();

  private final Map<String, Org> orgs = new HashMap<>();
  private final Map<String, Lookup> resolved = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final boolean departmentOwnName;
  private final String position;
  private final List<String> notes;

  private OrgSites(boolean departmentOwnName, String position, List<String> notes) {
    this.departmentOwnName = departmentOwnName;
    this.position = position;
    this.notes = notes;
  }

  /**
   * Reads orgs.csv.
   *
   * @param siteKey the column that names the site: name, identifier or sourcedId
   * @param notes where a department without its parent is noted, once each
   */
  static OrgSites read(
      CsvTable table, String siteKey, boolean departmentOwnName, List<String> notes)
      throws IOException, RosterException {
    table.header(List.of("sourcedId", "name", "type"));
    if (!table.has(siteKey)) {
      throw new RosterException(
          table.position(),
          1,
          siteKey,
          "has no column "
              + RowChecks.quote(siteKey)
              + ", which [roster] site_key names; found headers: "
              + String.join(", ", table.headers().stream().map(RowChecks::quote).toList()));
    }
    OrgSites sites = new OrgSites(departmentOwnName, table.position(), notes);
    int id = table.column("sourcedId");
    int key = table.column(siteKey);
    int name = table.column("name");
    int type = table.column("type");
    int parent = table.column("parentSourcedId");
    int status = table.column("status");
    while (table.next()) {
      String orgId = table.get(id);
      if (orgId.isEmpty()) {
        continue; // nothing can name it
      }
      String problem = table.shapeProblem();
      String state = table.get(status).toLowerCase(Locale.ROOT);
      if (state.equals("tobedeleted") || state.equals("inactive")) {
        sites.deleted.add(orgId);
        continue;
      }
      if (problem == null && !state.isEmpty() && !state.equals("active")) {
        problem = "its status " + RowChecks.quote(table.get(status)) + " is not active";
      }
      String siteName = table.get(key);
      if (problem == null && siteName.isEmpty()) {
        problem = "its " + siteKey + " is empty";
      }
      Org org =
          new Org(
              orgId,
              siteName,
              table.get(name),
              table.get(type).toLowerCase(Locale.ROOT),
              table.get(parent),
              problem,
              table.line());
      Org earlier = sites.orgs.putIfAbsent(orgId, org);
      if (earlier != null) {
        sites.orgs.put(
            orgId,
            new Org(
                orgId,
                siteName,
                org.name(),
                org.type(),
                org.parent(),
                "it is listed twice in orgs.csv (lines "
                    + earlier.line()
                    + " and "
                    + table.line()
                    + ")",
                earlier.line()));
      }
    }
    return sites;
  }

  /** The site an org id means. */
  Lookup site(String orgId) {
    Lookup known = resolved.get(orgId);
    if (known == null) {
      known = resolve(orgId);
      resolved.put(orgId, known);
    }
    return known;
  }

  private Lookup resolve(String orgId) {
    Org org = orgs.get(orgId);
    if (org == null) {
      return deleted.contains(orgId)
          ? DROPPED
          : new Lookup.Problem("org " + RowChecks.quote(orgId) + " is not in " + position);
    }
    if (org.problem() != null) {
      return new Lookup.Problem(
          "org " + RowChecks.quote(orgId) + " cannot be read cleanly: " + org.problem());
    }
    if (!org.isDepartment() || departmentOwnName) {
      return new Lookup.Site(org.key());
    }
    Org school = org;
    for (int depth = 0; school.isDepartment() && depth < MAX_DEPTH; depth++) {
      Org up = orgs.get(school.parent());
      if (up == null || up.problem() != null) {
        notes.add(
            position
                + ":"
                + org.line()
                + ": department "
                + RowChecks.quote(org.name())
                + " (org "
                + RowChecks.quote(orgId)
                + ") has no parent school in "
                + position
                + (school.parent().isEmpty()
                    ? ""
                    : " (parentSourcedId " + RowChecks.quote(school.parent()) + ")")
                + ": its people are placed at the site "
                + RowChecks.quote(org.key())
                + ", its own");
        return new Lookup.Site(org.key());
      }
      school = up;
    }
    return new Lookup.Site(school.key());
  }
}
