package org.titansync.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.titansync.roster.PackageOptions;

/**
 * {@code [roster]}: what kind of export to read, and how a OneRoster or SDS package maps to the six
 * columns ({@link SyncConfig#roster()}). docs/config.md and docs/input-formats.md describe each.
 *
 * @param staffRoles lower case; empty: the version's defaults
 * @param ignoreRoles lower case; empty: the version's defaults
 * @param usernameDomain without a leading {@code @}; empty: none
 * @param maxUnpackedMb the files read from a zip, unpacked, together
 */
public record RosterSettings(
    PackageOptions.Expect format,
    Set<String> staffRoles,
    Set<String> ignoreRoles,
    String externalId,
    List<String> emailFrom,
    String usernameDomain,
    boolean lowercaseEmail,
    SiteKey siteKey,
    DepartmentSite departmentSite,
    DisabledUsers disabledUsers,
    RoleDates roleDates,
    SecondaryRoles secondaryRoles,
    MergeBy mergeBy,
    long maxUnpackedMb) {

  /** {@code roster.site_key}: the orgs.csv column that names a site. */
  public enum SiteKey {
    NAME("name"),
    IDENTIFIER("identifier"),
    SOURCEDID("sourcedId");

    private final String column;

    SiteKey(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }
  }

  /** {@code roster.department_site}: where a department's people are placed. */
  public enum DepartmentSite {
    /** At the department's parent school (its own name when the parent is missing). */
    PARENT,
    /** At a site of the department's own name. */
    OWN
  }

  /** {@code roster.disabled_users}: users with {@code enabledUser = false}. */
  public enum DisabledUsers {
    EXCLUDE,
    INCLUDE
  }

  /** {@code roster.role_dates}: a role's begin and end dates. */
  public enum RoleDates {
    IGNORE,
    HONOUR
  }

  /** {@code roster.secondary_roles}: roles of roleType secondary (isPrimary false in SDS). */
  public enum SecondaryRoles {
    KEEP,
    IGNORE
  }

  /** {@code roster.merge_by}: what makes rows one person. */
  public enum MergeBy {
    EXTERNAL_ID,
    EMAIL
  }

  public RosterSettings {
    Objects.requireNonNull(format, "format");
    staffRoles = SyncConfig.orderedCopy(staffRoles);
    ignoreRoles = SyncConfig.orderedCopy(ignoreRoles);
    Objects.requireNonNull(externalId, "externalId");
    emailFrom = List.copyOf(emailFrom);
    Objects.requireNonNull(usernameDomain, "usernameDomain");
    Objects.requireNonNull(siteKey, "siteKey");
    Objects.requireNonNull(departmentSite, "departmentSite");
    Objects.requireNonNull(disabledUsers, "disabledUsers");
    Objects.requireNonNull(roleDates, "roleDates");
    Objects.requireNonNull(secondaryRoles, "secondaryRoles");
    Objects.requireNonNull(mergeBy, "mergeBy");
  }

  /** How the roster reader reads a package, judging role dates against {@code today}. */
  public PackageOptions packageOptions(LocalDate today) {
    return new PackageOptions(
        format,
        staffRoles,
        ignoreRoles,
        externalId,
        emailFrom,
        usernameDomain,
        lowercaseEmail,
        siteKey.column(),
        departmentSite == DepartmentSite.OWN,
        disabledUsers == DisabledUsers.INCLUDE,
        roleDates == RoleDates.HONOUR,
        secondaryRoles == SecondaryRoles.KEEP,
        mergeBy == MergeBy.EMAIL,
        maxUnpackedMb * 1024L * 1024L,
        today);
  }
}
