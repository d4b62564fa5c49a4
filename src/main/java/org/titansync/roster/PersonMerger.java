package org.titansync.roster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds checked rows into persons (one per external_id) and keeps the bad rows' errors and taint.
 *
 * <p>The first good row of a person wins: a later row that disagrees about who the person is was
 * most likely typed by hand and is skipped, never trusted over the earlier one.
 */
final class PersonMerger {
  private final Map<String, Draft> persons = new LinkedHashMap<>();

  /** Lower-cased email -> the person whose good row claimed it first. */
  private final Map<String, Draft> emailOwners = new HashMap<>();

  /** external_id -> why every row of that person is refused (its email belongs to another). */
  private final Map<String, Refusal> refused = new HashMap<>();

  private final List<RowError> errors = new ArrayList<>();
  private final Set<String> taintedExternalIds = new LinkedHashSet<>();
  private final Set<String> taintedEmails = new LinkedHashSet<>();

  private record Refusal(String position, Draft owner) {}

  /** Adds a row that passed {@link RowChecks}. */
  void add(RosterRow row) {
    Draft person = persons.get(row.externalId());
    if (person != null) {
      merge(person, row);
      return;
    }
    String emailKey = fold(row.email());
    Refusal refusal = refused.get(row.externalId());
    if (refusal != null) {
      rejectRefused(row, emailKey, refusal);
      return;
    }
    Draft owner = emailOwners.get(emailKey);
    if (owner != null) {
      refused.put(row.externalId(), new Refusal(row.position(), owner));
      reject(row, alreadyUsed(owner));
      return;
    }
    Draft created = new Draft(row);
    persons.put(row.externalId(), created);
    emailOwners.put(emailKey, created);
  }

  private void rejectRefused(RosterRow row, String emailKey, Refusal refusal) {
    reject(
        row,
        emailKey.equals(fold(refusal.owner().email))
            ? alreadyUsed(refusal.owner())
            : "external_id "
                + row.externalId()
                + " is refused since "
                + refusal.position()
                + ": its email there is already used by external_id "
                + refusal.owner().externalId
                + " on "
                + refusal.owner().firstPosition());
  }

  /**
   * Records a bad row and taints every value it may mean as an external_id or an email, so that it
   * can never cause a removal.
   */
  void reject(RowError error, List<String> externalIds, List<String> emails) {
    errors.add(error);
    for (String value : externalIds) {
      if (!value.isEmpty()) {
        taintedExternalIds.add(value);
      }
    }
    for (String value : emails) {
      if (RowChecks.isPlausibleEmail(value)) {
        taintedEmails.add(fold(value));
      }
    }
  }

  /** Records a bad row and taints what it names, so that it can never cause a removal. */
  void reject(RowError error, String externalId, List<String> emails) {
    errors.add(error);
    if (externalId != null && !externalId.isEmpty()) {
      taintedExternalIds.add(externalId);
    }
    for (String email : emails) {
      if (RowChecks.isPlausibleEmail(email)) {
        taintedEmails.add(fold(email));
      }
    }
  }

  /** The result; the merger is spent afterwards (its drafts are let go while persons are built). */
  Roster toRoster(List<String> headers, int dataRows) {
    return toRoster(headers, dataRows, ExportFormat.csv(), List.of(), List.of());
  }

  /**
   * The result of a package's rows.
   *
   * @param rows the rows as read, for the run's normalized copy (empty for the six-column CSV)
   */
  Roster toRoster(
      List<String> headers,
      int dataRows,
      ExportFormat format,
      List<String> notes,
      List<ReadRow> rows) {
    // A million-person file must not hold its drafts and its persons at once: free as we go.
    emailOwners.clear();
    refused.clear();
    List<Person> built = new ArrayList<>(persons.size());
    for (Iterator<Draft> drafts = persons.values().iterator(); drafts.hasNext(); ) {
      built.add(drafts.next().toPerson());
      drafts.remove();
    }
    return new Roster(
        Collections.unmodifiableList(built),
        List.copyOf(errors),
        headers,
        dataRows,
        Collections.unmodifiableSet(new LinkedHashSet<>(taintedExternalIds)),
        Collections.unmodifiableSet(new LinkedHashSet<>(taintedEmails)),
        format,
        notes,
        rows,
        false);
  }

  private void merge(Draft person, RosterRow row) {
    String first = person.firstPosition();
    if (!person.firstName.equals(row.firstName())) {
      reject(row, "first_name", "first_name conflicts with " + first + sameIdFirstWins(first));
    } else if (!person.lastName.equals(row.lastName())) {
      reject(row, "last_name", "last_name conflicts with " + first + sameIdFirstWins(first));
    } else if (!fold(person.email).equals(fold(row.email()))) {
      reject(
          row,
          "email",
          "email "
              + RowChecks.quote(row.email())
              + " conflicts with "
              + RowChecks.quote(person.email)
              + " on "
              + first
              + sameIdFirstWins(first));
    } else {
      person.addSite(row);
    }
  }

  private static String sameIdFirstWins(String first) {
    return " for the same external_id; " + first + " wins";
  }

  private static String alreadyUsed(Draft owner) {
    return "email already used by external_id " + owner.externalId + " on " + owner.firstPosition();
  }

  private void reject(RosterRow row, String message) {
    reject(row, "email", message);
  }

  private void reject(RosterRow row, String field, String message) {
    reject(
        new RowError(row.line(), field, row.externalId(), message, row.source())
            .naming(row.firstName(), row.lastName(), row.email()),
        row.externalId(),
        List.of(row.email()));
  }

  static String fold(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /**
   * A person being assembled. Most people have one row, so the first site and line are held
   * directly and lists exist only for a second: every byte here is paid once per person in the
   * file, a million times in a large district.
   */
  private static final class Draft {
    final String externalId;
    final String firstName;
    final String lastName;
    final String email;
    final int firstLine;
    final SiteDraft firstSite;

    /** Sites after the first, searched case-insensitively; null until a second one. */
    List<SiteDraft> moreSites;

    /** Lines after the first; null until a second row. */
    List<Integer> moreLines;

    Draft(RosterRow row) {
      externalId = row.externalId();
      firstName = row.firstName();
      lastName = row.lastName();
      email = row.email();
      firstLine = row.line();
      firstSite = new SiteDraft(row);
    }

    String firstPosition() {
      return Positions.of(firstSite.source, firstLine);
    }

    void addSite(RosterRow row) {
      if (moreLines == null) {
        moreLines = new ArrayList<>(2);
      }
      moreLines.add(row.line());
      if (firstSite.name.equalsIgnoreCase(row.siteName())) {
        firstSite.addRoles(row.roleNames());
        return;
      }
      if (moreSites == null) {
        moreSites = new ArrayList<>(2);
      }
      for (SiteDraft site : moreSites) {
        if (site.name.equalsIgnoreCase(row.siteName())) {
          site.addRoles(row.roleNames());
          return;
        }
      }
      moreSites.add(new SiteDraft(row));
    }

    Person toPerson() {
      List<SiteAssignment> assignments;
      if (moreSites == null) {
        assignments = List.of(firstSite.toAssignment());
      } else {
        List<SiteAssignment> all = new ArrayList<>(1 + moreSites.size());
        all.add(firstSite.toAssignment());
        for (SiteDraft site : moreSites) {
          all.add(site.toAssignment());
        }
        assignments = List.copyOf(all);
      }
      List<Integer> lines;
      if (moreLines == null) {
        lines = List.of(firstLine);
      } else {
        List<Integer> all = new ArrayList<>(1 + moreLines.size());
        all.add(firstLine);
        all.addAll(moreLines);
        lines = List.copyOf(all);
      }
      return new Person(externalId, firstName, lastName, email, assignments, lines);
    }
  }

  private static final class SiteDraft {
    final String name;
    final int line;
    final String source;

    /** The first row's (shared, immutable) list until another row adds a role to it. */
    List<String> roles;

    private boolean ownsRoles;

    SiteDraft(RosterRow row) {
      name = row.siteName();
      line = row.line();
      source = row.source();
      roles = row.roleNames();
    }

    SiteAssignment toAssignment() {
      return new SiteAssignment(name, List.copyOf(roles), line, source);
    }

    /** Union with the roles already named for this site, first spelling and order kept. */
    void addRoles(List<String> more) {
      for (String role : more) {
        if (!RoleSplitter.containsIgnoreCase(roles, role)) {
          if (!ownsRoles) {
            roles = new ArrayList<>(roles);
            ownsRoles = true;
          }
          roles.add(role);
        }
      }
    }
  }
}
