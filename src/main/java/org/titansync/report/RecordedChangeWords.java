package org.titansync.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change as plan.json and the audit log record it (its kind, site and before/after maps, see
 * {@link ChangeView}) in the words of {@link ChangeWords}: "joins Lincoln Elementary as Teacher",
 * never {@code set_roles} or {@code {site_id=s_19, role_ids=[r_01]}}.
 */
public final class RecordedChangeWords {
  private RecordedChangeWords() {}

  /** What happens to the person, after their name: "leaves Lincoln Elementary (Principal)". */
  public static String of(
      String kind, String site, Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> b = before == null ? Map.of() : before;
    Map<String, Object> a = after == null ? Map.of() : after;
    switch (kind) {
      case "create" -> {
        List<String> joins = new ArrayList<>();
        if (a.get("memberships") instanceof List<?> ms) {
          for (Object m : ms) {
            if (m instanceof Map<?, ?> membership) {
              joins.add(
                  "joins "
                      + text(membership.get("site"))
                      + " as "
                      + roles(membership.get("roles")));
            }
          }
        }
        return joins.isEmpty()
            ? "gets a new account, at no school yet"
            : "gets a new account and " + String.join(", and ", joins);
      }
      case "set_roles" -> {
        String where = site.isEmpty() ? text(a.get("site")) : site;
        List<String> was = names(b.get("roles"));
        if (was.isEmpty()) {
          return "joins " + where + " as " + roles(a.get("roles"));
        }
        return (names(a.get("roles")).size() == 1 && was.size() == 1
                ? "changes role at "
                : "changes roles at ")
            + where
            + ": "
            + ChangeWords.list(was)
            + " becomes "
            + roles(a.get("roles"));
      }
      case "remove_membership" -> {
        String where = site.isEmpty() ? text(b.get("site")) : site;
        List<String> had = names(b.get("roles"));
        return "leaves " + where + (had.isEmpty() ? "" : " (" + ChangeWords.list(had) + ")");
      }
      case "release_email" -> {
        return "email "
            + quote(b.get("email"))
            + " is set aside for a moment, so that another person can take it in the same run";
      }
      default -> {
        return account(kind, b, a);
      }
    }
  }

  private static String account(String kind, Map<String, Object> b, Map<String, Object> a) {
    List<String> parts = new ArrayList<>();
    if (kind.equals("link")) {
      parts.add("account made by hand in Titan is linked to the SIS record (same email)");
    }
    if (a.containsKey("external_id") && !kind.equals("link")) {
      parts.add(
          "SIS record changes from "
              + quote(b.get("external_id"))
              + " to "
              + quote(a.get("external_id")));
    }
    String nameBefore = join(b.get("first_name"), b.get("last_name"));
    String nameAfter = join(a.get("first_name"), a.get("last_name"));
    if ((a.containsKey("first_name") || a.containsKey("last_name"))
        && !nameBefore.equals(nameAfter)) {
      parts.add("name changes from " + quote(nameBefore) + " to " + quote(nameAfter));
    }
    if (a.containsKey("email") && !Objects.equals(b.get("email"), a.get("email"))) {
      parts.add("email changes from " + quote(b.get("email")) + " to " + quote(a.get("email")));
    }
    if ("inactive".equals(a.get("status"))) {
      parts.add(
          kind.equals("deactivate")
              ? "account is deactivated: no longer in the export"
              : "account is deactivated");
    } else if ("active".equals(a.get("status")) && "inactive".equals(b.get("status"))) {
      parts.add("account is active again");
    }
    if (parts.isEmpty()) {
      parts.add(
          kind.equals("deactivate") ? "account is deactivated" : "account details are set again");
    }
    return "account: " + String.join("; ", parts);
  }

  private static String roles(Object roles) {
    return ChangeWords.list(names(roles));
  }

  private static List<String> names(Object roles) {
    List<String> out = new ArrayList<>();
    if (roles instanceof List<?> list) {
      list.forEach(r -> out.add(text(r)));
    }
    return out;
  }

  private static String join(Object first, Object last) {
    return (text(first) + " " + text(last)).strip();
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String quote(Object o) {
    String s = text(o);
    return s.isEmpty() ? "(none)" : "\"" + s + "\"";
  }
}
