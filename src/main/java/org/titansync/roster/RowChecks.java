package org.titansync.roster;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The checks one row must pass on its own, before it is merged with others. A row gets one error:
 * the first problem in column order, so that the error count is the count of skipped rows.
 */
final class RowChecks {
  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_EMAIL_LENGTH = 254;

  private static final int MAX_QUOTED = 80;

  private RowChecks() {}

  /**
   * The first problem of a row, if any.
   *
   * @param rawRoles role_names as written (trimmed), to say why no role was left after splitting
   */
  static Optional<RowError> firstProblem(RosterRow row, String rawRoles) {
    return firstProblem(row, rawRoles, UnaryOperator.identity());
  }

  /**
   * The first problem of a row of a package, naming the package's columns.
   *
   * @param named the package's column for each of the six fields ({@code first_name} -> {@code
   *     givenName}); fields and messages name it
   */
  static Optional<RowError> firstProblem(
      RosterRow row, String rawRoles, UnaryOperator<String> named) {
    Problem problem = find(row, rawRoles, named);
    return problem == null
        ? Optional.empty()
        : Optional.of(
            new RowError(
                    row.line(),
                    problem.field(),
                    externalIdOrNull(row),
                    problem.message(),
                    row.source())
                .naming(row.firstName(), row.lastName(), row.email()));
  }

  private record Problem(String field, String message) {}

  private static Problem find(RosterRow row, String rawRoles, UnaryOperator<String> named) {
    String externalId = named.apply("external_id");
    String firstName = named.apply("first_name");
    String lastName = named.apply("last_name");
    String emailField = named.apply("email");
    String siteName = named.apply("site_name");
    String roleNames = named.apply("role_names");
    if (row.externalId().isEmpty()) {
      return new Problem(externalId, "empty " + externalId);
    }
    String message = damage(externalId, row.externalId(), false);
    if (message == null && row.externalId().indexOf('"') >= 0) {
      // A stray quote must not turn someone's id into a new person's, which would remove them.
      message = externalId + " " + quote(row.externalId()) + " contains a quote (\")";
    }
    if (message != null) {
      return new Problem(externalId, message);
    }
    message = nameProblem(firstName, row.firstName());
    if (message != null) {
      return new Problem(firstName, message);
    }
    message = nameProblem(lastName, row.lastName());
    if (message != null) {
      return new Problem(lastName, message);
    }
    message = emailProblem(row.email());
    if (message != null) {
      return new Problem(emailField, message);
    }
    if (row.siteName().isEmpty()) {
      return new Problem(siteName, "empty " + siteName);
    }
    message = damage(siteName, row.siteName(), true);
    if (message != null) {
      return new Problem(siteName, message);
    }
    message = damage(roleNames, rawRoles, false);
    if (message != null) {
      return new Problem(roleNames, message);
    }
    if (row.roleNames().isEmpty()) {
      return new Problem(
          roleNames,
          rawRoles.isEmpty()
              ? "empty " + roleNames
              : roleNames + " " + quote(rawRoles) + " names no role");
    }
    return null;
  }

  static String externalIdOrNull(RosterRow row) {
    return row.externalId().isEmpty() ? null : row.externalId();
  }

  private static String nameProblem(String field, String value) {
    if (value.isEmpty()) {
      return "empty " + field;
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_NAME_LENGTH) {
      return field
          + " is "
          + length
          + " characters long; at most "
          + MAX_NAME_LENGTH
          + " are allowed";
    }
    String damage = damage(field, value, false);
    if (damage != null) {
      return damage;
    }
    String sign = Mojibake.find(value);
    if (sign != null) {
      return field
          + " "
          + quote(value)
          + " "
          + RowError.MIS_DECODED
          + " ("
          + quote(sign)
          + " is how UTF-8 text reads as windows-1252); check the export's character set and"
          + " [csv] encoding";
    }
    return null;
  }

  /**
   * A control character (NUL, a lone CR, ...) or U+FFFD in a value: the text was damaged on its way
   * here, so the value cannot be trusted as someone's id or name.
   *
   * @param lineBreaksAllowed whether CR and LF may stand in it (a quoted multi-line site name)
   */
  static String damage(String field, String value, boolean lineBreaksAllowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\uFFFD') {
        return field
            + " "
            + quote(value)
            + " contains U+FFFD, the mark of a character lost in an earlier conversion";
      }
      if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\r' || c == '\n'))) {
        return field
            + " "
            + quote(value)
            + " contains a control character ("
            + String.format(Locale.ROOT, "U+%04X", (int) c)
            + ")";
      }
    }
    return null;
  }

  private static String emailProblem(String email) {
    if (email.isEmpty()) {
      return "empty email";
    }
    int length = email.codePointCount(0, email.length());
    if (length > MAX_EMAIL_LENGTH) {
      return "email is "
          + length
          + " characters long; at most "
          + MAX_EMAIL_LENGTH
          + " are allowed";
    }
    String why = implausibility(email);
    if (why == null && email.indexOf('\uFFFD') >= 0) {
      why = "contains U+FFFD, the mark of a character lost in an earlier conversion";
    }
    return why == null ? null : "invalid email " + quote(email) + " (" + why + ")";
  }

  /** One @, something before it, a domain with an inner dot after it, no spaces. */
  static boolean isPlausibleEmail(String email) {
    return !email.isEmpty() && implausibility(email) == null;
  }

  private static String implausibility(String email) {
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return "contains a space or line break";
      }
    }
    if (email.indexOf('"') >= 0) {
      return "contains a quote";
    }
    int at = email.indexOf('@');
    if (at < 0) {
      return "no @";
    }
    if (email.indexOf('@', at + 1) >= 0) {
      return "more than one @";
    }
    if (at == 0) {
      return "nothing before the @";
    }
    String domain = email.substring(at + 1);
    if (domain.isEmpty()) {
      return "nothing after the @";
    }
    if (domain.indexOf('.') < 0
        || domain.startsWith(".")
        || domain.endsWith(".")
        || domain.contains("..")) {
      return "the part after the @ is not a domain such as example.org";
    }
    return null;
  }

  /** A value for a message: in quotes, line breaks made visible, long values shortened. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
    for (int i = 0; i < value.length(); i++) {
      if (i == MAX_QUOTED) {
        out.append('…');
        break;
      }
      char c = value.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
