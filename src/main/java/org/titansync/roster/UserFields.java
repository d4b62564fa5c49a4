package org.titansync.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who a users.csv row is: its ids, names and email, and whether it is read at all (its status and
 * enabledUser). The email is the first of [roster] email_from's columns that holds an address; a
 * username without an {@code @} gets [roster] username_domain. Emails are lower-cased unless
 * [roster] lowercase_email = false.
 */
final class UserFields {
  /** What a user's status and enabledUser say. */
  enum Standing {
    READ,
    DROPPED,
    UNCLEAR
  }

  private final CsvTable table;
  private final PackageOptions options;
  private final int sourcedId;
  private final int externalId;
  private final int givenName;
  private final int familyName;
  private final int status;
  private final int enabled;
  private final List<Integer> emailColumns = new ArrayList<>();
  private final List<String> emailNames = new ArrayList<>();

  /** The problem of the last {@link #standing()} that was {@link Standing#UNCLEAR}. */
  private String unclear;

  private String unclearField;

  /**
   * Reads the header of users.csv.
   *
   * @param required columns besides the ones the options name
   */
  UserFields(CsvTable table, PackageOptions options, List<String> required)
      throws java.io.IOException, RosterException {
    this.table = table;
    this.options = options;
    List<String> columns = new ArrayList<>(List.of("sourcedId", "givenName", "familyName"));
    columns.addAll(required);
    if (!columns.contains(options.externalId())) {
      columns.add(options.externalId());
    }
    table.header(columns);
    sourcedId = table.column("sourcedId");
    externalId = table.column(options.externalId());
    givenName = table.column("givenName");
    familyName = table.column("familyName");
    status = table.column("status");
    enabled = table.column("enabledUser");
    for (String column : options.emailFrom()) {
      if (table.has(column)) {
        emailColumns.add(table.column(column));
        emailNames.add(column);
      }
    }
    if (emailColumns.isEmpty()) {
      throw new RosterException(
          table.position(),
          1,
          null,
          "has none of the columns [roster] email_from names ("
              + String.join(", ", options.emailFrom())
              + "): no email can be read");
    }
  }

  String sourcedId() {
    return table.get(sourcedId);
  }

  String externalId() {
    return table.get(externalId);
  }

  String givenName() {
    return table.get(givenName);
  }

  String familyName() {
    return table.get(familyName);
  }

  /**
   * Whether the row is read: {@code tobedeleted} (or {@code inactive}, in older files) and, by
   * default, {@code enabledUser = false} drop it; a value titan-sync does not know leaves it
   * unclear, which is a row error.
   */
  Standing standing() {
    String state = table.get(status).toLowerCase(Locale.ROOT);
    if (state.equals("tobedeleted") || state.equals("inactive")) {
      return Standing.DROPPED;
    }
    if (!state.isEmpty() && !state.equals("active")) {
      unclearField = "status";
      unclear =
          "status "
              + RowChecks.quote(table.get(status))
              + " is not active, inactive or tobedeleted; the person loses nothing because of this"
              + " row";
      return Standing.UNCLEAR;
    }
    String flag = table.get(enabled).toLowerCase(Locale.ROOT);
    if (flag.equals("false")) {
      return options.includeDisabled() ? Standing.READ : Standing.DROPPED;
    }
    if (!flag.isEmpty() && !flag.equals("true")) {
      unclearField = "enabledUser";
      unclear =
          "enabledUser "
              + RowChecks.quote(table.get(enabled))
              + " is neither true nor false; the person loses nothing because of this row";
      return Standing.UNCLEAR;
    }
    return Standing.READ;
  }

  String unclearField() {
    return unclearField;
  }

  String unclear() {
    return unclear;
  }

  /**
   * The row's email, or empty when none of its columns holds an address; lower-cased unless
   * configured otherwise.
   */
  String email() {
    for (int i = 0; i < emailColumns.size(); i++) {
      String value = table.get(emailColumns.get(i));
      if (value.isEmpty()) {
        continue;
      }
      if (value.indexOf('@') < 0) {
        if (!emailNames.get(i).equalsIgnoreCase("username") || options.usernameDomain().isEmpty()) {
          continue;
        }
        value = value + "@" + options.usernameDomain();
      }
      return options.lowercaseEmail() ? value.toLowerCase(Locale.ROOT) : value;
    }
    return "";
  }

  /** Why {@link #email()} found nothing. */
  String noEmail() {
    return "no email address: "
        + String.join(" and ", emailNames)
        + (emailNames.size() > 1 ? " hold" : " holds")
        + " none"
        + (emailNames.stream().anyMatch(n -> n.equalsIgnoreCase("username"))
                && options.usernameDomain().isEmpty()
            ? " (a username without @ becomes an address with [roster] username_domain)"
            : "")
        + "; the person loses nothing because of this row";
  }

  /** The package's column for each of the six fields, for messages. */
  String column(String field) {
    return switch (field) {
      case "external_id" -> options.externalId();
      case "first_name" -> "givenName";
      case "last_name" -> "familyName";
      default -> field;
    };
  }
}
