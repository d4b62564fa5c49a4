package org.titansync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * One change as people read it: in plan.json, the reports and the mail, and (its subject) in the
 * audit log. The one place that turns the plan's records into words and their values before and
 * after ({@link ChangeValues}).
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
    ChangeValues before,
    ChangeValues after) {

  public static ChangeView of(Change change) {
    return new ChangeView(
        change.key(),
        change.kind().id(),
        change.phase(),
        change.externalId(),
        change.email(),
        change instanceof CreateUser ? null : change.userId(),
        site(change),
        detail(change),
        ChangeValues.before(change),
        ChangeValues.after(change));
  }

  private static String site(Change change) {
    if (change instanceof CreateUser c) {
      List<String> sites = new ArrayList<>();
      c.memberships().forEach(m -> sites.add(m.siteName()));
      return String.join(", ", sites);
    }
    if (change instanceof SetRoles s) {
      return s.siteName();
    }
    if (change instanceof RemoveMembership r) {
      return r.siteName();
    }
    return "";
  }

  private static String detail(Change change) {
    if (change instanceof CreateUser c) {
      return "new user " + c.firstName() + " " + c.lastName() + " at " + describe(c.memberships());
    }
    if (change instanceof UpdateUser u) {
      List<String> words = new ArrayList<>();
      diff("external_id", u.before().externalId(), u.after().externalId(), words);
      diff("first_name", u.before().firstName(), u.after().firstName(), words);
      diff("last_name", u.before().lastName(), u.after().lastName(), words);
      diff("email", u.before().email(), u.after().email(), words);
      diff("status", status(u.before()), status(u.after()), words);
      return String.join("; ", words);
    }
    if (change instanceof SetRoles s) {
      return s.beforeRoleIds().isEmpty()
          ? "joins with " + String.join(", ", s.after().roleNames())
          : "roles "
              + String.join(", ", s.beforeRoleNames())
              + " -> "
              + String.join(", ", s.after().roleNames());
    }
    RemoveMembership r = (RemoveMembership) change;
    return "leaves (held "
        + String.join(", ", r.before().roleNames())
        + ")"
        + (r.personGone() ? "; no longer in the file" : "");
  }

  private static String status(Profile p) {
    return p.active() ? "active" : "inactive";
  }

  private static void diff(String field, String before, String after, List<String> words) {
    if (!Objects.equals(before, after)) {
      words.add(field.replace('_', ' ') + " " + quote(before) + " -> " + quote(after));
    }
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }

  private static String describe(List<Membership> ms) {
    List<String> parts = new ArrayList<>();
    for (Membership m : ms) {
      parts.add(m.siteName() + " (" + String.join(", ", m.roleNames()) + ")");
    }
    return String.join(", ", parts);
  }
}
