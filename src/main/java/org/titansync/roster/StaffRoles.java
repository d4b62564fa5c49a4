package org.titansync.roster;

import java.util.Locale;
import java.util.Set;

/**
 * Which role values of a package are staff, which are skipped without a word (students, guardians),
 * and which are neither: a value titan-sync does not know ({@code ext:coach}, {@code other}, a
 * typo) is a row error, so that a new value in the SIS never removes anyone. Values compare
 * ignoring case.
 */
final class StaffRoles {
  /** How a role value is read. */
  enum Kind {
    STAFF,
    IGNORED,
    UNKNOWN
  }

  static final Set<String> ONEROSTER_11_STAFF =
      Set.of("teacher", "administrator", "aide", "proctor");
  static final Set<String> ONEROSTER_12_STAFF =
      Set.of(
          "teacher",
          "aide",
          "counselor",
          "districtadministrator",
          "principal",
          "proctor",
          "siteadministrator",
          "systemadministrator");
  static final Set<String> ONEROSTER_IGNORED = Set.of("student", "parent", "guardian", "relative");

  /** The Staff group of SDS v2.1's role values, alumni aside, and counselor. */
  static final Set<String> SDS_STAFF =
      Set.of(
          "counselor",
          "principal",
          "chair",
          "professor",
          "researcher",
          "adjunct",
          "affiliate",
          "occupationaltherapist",
          "physicaltherapist",
          "speechtherapist",
          "visiontherapist",
          "paraprofessional",
          "specialservices",
          "advisor",
          "proctor",
          "nurse",
          "officestaff",
          "lecturer",
          "itadmin",
          "administrator",
          "teacher",
          "faculty",
          "staff",
          "teacherassistant",
          "aide",
          "instructor",
          "substitute",
          "coach");

  static final Set<String> SDS_IGNORED = Set.of("student", "alumni");

  private final Set<String> staff;
  private final Set<String> ignored;
  private final String vocabulary;

  /**
   * @param configuredStaff [roster] staff_roles, lower case; empty for the version's defaults
   * @param configuredIgnored [roster] ignore_roles, lower case; empty for the version's defaults
   */
  StaffRoles(ExportFormat format, Set<String> configuredStaff, Set<String> configuredIgnored) {
    boolean sds = format.kind() == ExportFormat.Kind.SDS;
    Set<String> defaultStaff =
        sds ? SDS_STAFF : "1.1".equals(format.version()) ? ONEROSTER_11_STAFF : ONEROSTER_12_STAFF;
    this.staff = configuredStaff.isEmpty() ? defaultStaff : configuredStaff;
    this.ignored =
        configuredIgnored.isEmpty() ? (sds ? SDS_IGNORED : ONEROSTER_IGNORED) : configuredIgnored;
    this.vocabulary = format.describe();
  }

  Kind kind(String value) {
    String key = value.toLowerCase(Locale.ROOT);
    if (staff.contains(key)) {
      return Kind.STAFF;
    }
    return ignored.contains(key) ? Kind.IGNORED : Kind.UNKNOWN;
  }

  /** The row error for a value that is neither. */
  String unknown(String value) {
    if (value.isEmpty()) {
      return "empty role; the person loses nothing because of this row";
    }
    return "role "
        + RowChecks.quote(value)
        + " is neither a staff role nor an ignored one for "
        + vocabulary
        + "; the person loses nothing because of this row: list it under [roster] staff_roles or"
        + " ignore_roles";
  }

  /** The staff values, for the mapping the header check compares. */
  Set<String> staff() {
    return staff;
  }

  Set<String> ignored() {
    return ignored;
  }
}
