package org.titansync.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * One change as people read it: in plan.json, the reports, the mail and the audit log. The one
 * place that turns the plan's records into words and before/after maps.
 *
 * @param site the site name for membership changes; for a create, its sites joined; else ""
 * @param detail a short human line, e.g. {@code last name "Smith" -> "Smyth"}
 */
public record ChangeView(
    String key,
    String kind,
    int phase,
    String externalId,
    String email,
    String userId,
    String site,
    String detail,
    Map<String, Object> before,
    Map<String, Object> after) {

  public static ChangeView of(Change change) {
    String kind = change.kind().id();
    if (change instanceof CreateUser c) {
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("external_id", c.externalId());
      after.put("first_name", c.firstName());
      after.put("last_name", c.lastName());
      after.put("email", c.email());
      after.put("memberships", memberships(c.memberships()));
      List<String> sites = new ArrayList<>();
      c.memberships().forEach(m -> sites.add(m.siteName()));
      return new ChangeView(
          change.key(),
          kind,
          change.phase(),
          c.externalId(),
          c.email(),
          null,
          String.join(", ", sites),
          "new user " + c.firstName() + " " + c.lastName() + " at " + describe(c.memberships()),
          null,
          after);
    }
    if (change instanceof UpdateUser u) {
      Map<String, Object> before = new LinkedHashMap<>();
      Map<String, Object> after = new LinkedHashMap<>();
      List<String> words = new ArrayList<>();
      diff("external_id", u.before().externalId(), u.after().externalId(), before, after, words);
      diff("first_name", u.before().firstName(), u.after().firstName(), before, after, words);
      diff("last_name", u.before().lastName(), u.after().lastName(), before, after, words);
      diff("email", u.before().email(), u.after().email(), before, after, words);
      diff("status", status(u.before()), status(u.after()), before, after, words);
      return new ChangeView(
          change.key(),
          kind,
          change.phase(),
          u.externalId(),
          u.email(),
          u.userId(),
          "",
          String.join("; ", words),
          before,
          after);
    }
    if (change instanceof SetRoles s) {
      Map<String, Object> before = new LinkedHashMap<>();
      before.put("site", s.siteName());
      before.put("role_ids", s.beforeRoleIds());
      before.put("roles", s.beforeRoleNames());
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("site", s.siteName());
      after.put("role_ids", s.after().roleIds());
      after.put("roles", s.after().roleNames());
      String detail =
          s.beforeRoleIds().isEmpty()
              ? "joins with " + String.join(", ", s.after().roleNames())
              : "roles "
                  + String.join(", ", s.beforeRoleNames())
                  + " -> "
                  + String.join(", ", s.after().roleNames());
      return new ChangeView(
          change.key(),
          kind,
          change.phase(),
          s.externalId(),
          s.email(),
          s.userId(),
          s.siteName(),
          detail,
          before,
          after);
    }
    RemoveMembership r = (RemoveMembership) change;
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("site", r.siteName());
    before.put("role_ids", r.before().roleIds());
    before.put("roles", r.before().roleNames());
    String detail =
        "leaves (held "
            + String.join(", ", r.before().roleNames())
            + ")"
            + (r.personGone() ? "; no longer in the file" : "");
    return new ChangeView(
        change.key(),
        kind,
        change.phase(),
        r.externalId(),
        r.email(),
        r.userId(),
        r.siteName(),
        detail,
        before,
        null);
  }

  private static String status(Profile p) {
    return p.active() ? "active" : "inactive";
  }

  private static void diff(
      String field,
      String before,
      String after,
      Map<String, Object> b,
      Map<String, Object> a,
      List<String> words) {
    if (!Objects.equals(before, after)) {
      b.put(field, before);
      a.put(field, after);
      words.add(field.replace('_', ' ') + " " + quote(before) + " -> " + quote(after));
    }
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }

  private static List<Map<String, Object>> memberships(List<Membership> ms) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Membership m : ms) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("site_id", m.siteId());
      e.put("site", m.siteName());
      e.put("role_ids", m.roleIds());
      e.put("roles", m.roleNames());
      out.add(e);
    }
    return out;
  }

  private static String describe(List<Membership> ms) {
    List<String> parts = new ArrayList<>();
    for (Membership m : ms) {
      parts.add(m.siteName() + " (" + String.join(", ", m.roleNames()) + ")");
    }
    return String.join(", ", parts);
  }
}
