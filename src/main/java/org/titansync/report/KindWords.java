package org.titansync.report;

/**
 * The kinds of change as a reader names them. plan.json, result.json and the audit log keep the
 * technical ids ({@code set_roles}); the reports and the mail say these.
 */
public final class KindWords {
  private KindWords() {}

  /** The heading of a kind in the summary table: "New accounts". */
  public static String label(String kind) {
    return switch (kind) {
      case "release_email" -> "Email set aside for a moment";
      case "create" -> "New accounts";
      case "link" -> "Hand-made accounts linked";
      case "update" -> "Account details changed";
      case "set_roles" -> "Joins a school or changes roles";
      case "remove_membership" -> "Leaves a school";
      case "deactivate" -> "Accounts deactivated";
      default -> kind;
    };
  }

  /** A count with its words: "3 new accounts", "1 leaves a school"; empty for 0. */
  public static String counted(String kind, int n) {
    if (n == 0) {
      return "";
    }
    boolean one = n == 1;
    return switch (kind) {
      case "release_email" -> n + (one ? " email set" : " emails set") + " aside for a moment";
      case "create" -> Plural.of(n, "new account");
      case "link" -> Plural.of(n, "hand-made account") + " linked";
      case "update" -> Plural.of(n, "account") + " updated";
      case "set_roles" -> n + (one ? " join or role change" : " joins or role changes");
      case "remove_membership" ->
          n + (one ? " departure from a school" : " departures from schools");
      case "deactivate" -> Plural.of(n, "account") + " deactivated";
      default -> n + " " + kind;
    };
  }
}
