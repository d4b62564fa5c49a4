package org.titansync.roster;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a OneRoster or SDS package is read: the {@code [roster]} settings (docs/config.md).
 *
 * @param format which kind of export to expect; {@link Expect#AUTO} tells it from the content
 * @param staffRoles role values (lower case) read as staff; empty: the version's defaults
 * @param ignoreRoles role values (lower case) skipped without a word; empty: the version's defaults
 * @param externalId the users.csv column that gives external_id
 * @param emailFrom the users.csv columns tried in order for the email
 * @param usernameDomain appended as {@code @domain} to a username without one; empty: none
 * @param lowercaseEmail emails are lower-cased
 * @param siteKey the orgs.csv column that gives the site's name
 * @param departmentOwnName a department is its own site, not its parent school's
 * @param includeDisabled users with {@code enabledUser = false} are read as staff too
 * @param honourRoleDates a role outside its begin and end dates is skipped
 * @param keepSecondary secondary roles count as much as primary ones
 * @param mergeByEmail rows of several ids with one email are one person
 * @param maxUnpackedBytes the files read from a package, unpacked, together
 * @param today the day role dates are judged against
 */
public record PackageOptions(
    Expect format,
    Set<String> staffRoles,
    Set<String> ignoreRoles,
    String externalId,
    List<String> emailFrom,
    String usernameDomain,
    boolean lowercaseEmail,
    String siteKey,
    boolean departmentOwnName,
    boolean includeDisabled,
    boolean honourRoleDates,
    boolean keepSecondary,
    boolean mergeByEmail,
    long maxUnpackedBytes,
    LocalDate today) {

  /** [roster] format. */
  public enum Expect {
    /** Told from the content: a zip, a manifest, the header sets. */
    AUTO,
    /** The six-column CSV only. */
    CSV,
    /** A OneRoster package only. */
    ONEROSTER,
    /** An SDS package only. */
    SDS
  }

  /** Default [roster] max_unpacked_mb. */
  public static final int DEFAULT_MAX_UNPACKED_MB = 2048;

  public PackageOptions {
    Objects.requireNonNull(format, "format");
    staffRoles = Set.copyOf(staffRoles);
    ignoreRoles = Set.copyOf(ignoreRoles);
    Objects.requireNonNull(externalId, "externalId");
    emailFrom = List.copyOf(emailFrom);
    Objects.requireNonNull(usernameDomain, "usernameDomain");
    Objects.requireNonNull(siteKey, "siteKey");
    Objects.requireNonNull(today, "today");
  }

  /** Every default, judging role dates against {@code today}. */
  public static PackageOptions defaults(LocalDate today) {
    return new PackageOptions(
        Expect.AUTO,
        Set.of(),
        Set.of(),
        "sourcedId",
        List.of("email", "username"),
        "",
        true,
        "name",
        false,
        false,
        false,
        true,
        false,
        DEFAULT_MAX_UNPACKED_MB * 1024L * 1024L,
        today);
  }
}
