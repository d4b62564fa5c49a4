package org.titansync.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * A change in the words a principal reads: who, where, and what happens to them ("Maria Gonzalez
 * leaves Lincoln Elementary (Principal)"). The technical kinds ({@code set_roles}, {@code
 * remove_membership}) stay in plan.json and result.json; the reports and the mail say this.
 */
public final class ChangeWords {
  private ChangeWords() {}

  /**
   * One thing that happens to a person at one school, or to their account.
   *
   * @param school the school's name as Titan spells it; empty for a change to the account itself
   *     (name, email, status), which belongs to no one school
   * @param what the sentence after the person's name: "joins Adams Elementary as Teacher"
   */
  public record Line(String school, String what) {
    /** The whole sentence: "Maria Gonzalez joins ...", "Maria Gonzalez's email changes ...". */
    public String sentence(String who) {
      return school.isEmpty() ? who + "'s " + what : who + " " + what;
    }
  }

  /** Who the change is about, as the report shows them: their name, else their email or key. */
  public static String who(Plan plan, Change c) {
    String name = plan == null ? "" : plan.nameOf(c.externalId());
    if (name.isEmpty() && c instanceof CreateUser cu) {
      name = join(cu.firstName(), cu.lastName());
    }
    if (name.isEmpty() && c instanceof UpdateUser u) {
      name = join(u.after().firstName(), u.after().lastName());
      if (name.isEmpty()) {
        name = join(u.before().firstName(), u.before().lastName());
      }
    }
    if (!name.isEmpty()) {
      return name;
    }
    if (c.email() != null && !c.email().isEmpty()) {
      return c.email();
    }
    return c.externalId() == null ? "(a person with no external_id)" : c.externalId();
  }

  /** What the change does, one line per school it touches (a new account at two: two lines). */
  public static List<Line> of(Change c) {
    if (c instanceof CreateUser cu) {
      List<Line> lines = new ArrayList<>();
      for (Membership m : cu.memberships()) {
        lines.add(
            new Line(
                m.siteName(),
                "gets a new account and joins " + m.siteName() + " as " + list(m.roleNames())));
      }
      if (lines.isEmpty()) {
        lines.add(new Line("", "account is created, at no school yet"));
      }
      return lines;
    }
    if (c instanceof SetRoles s) {
      String roles = list(s.after().roleNames());
      if (s.beforeRoleIds().isEmpty()) {
        return List.of(new Line(s.siteName(), "joins " + s.siteName() + " as " + roles));
      }
      return List.of(
          new Line(
              s.siteName(),
              (s.after().roleNames().size() == 1 && s.beforeRoleNames().size() == 1
                      ? "changes role at "
                      : "changes roles at ")
                  + s.siteName()
                  + ": "
                  + list(s.beforeRoleNames())
                  + " becomes "
                  + roles));
    }
    if (c instanceof RemoveMembership r) {
      return List.of(
          new Line(
              r.siteName(),
              "leaves "
                  + r.siteName()
                  + roles(r.before().roleNames())
                  + (r.personGone()
                      ? ": no longer in the export"
                      : ": the export no longer names this school for them")));
    }
    return List.of(new Line("", account((UpdateUser) c)));
  }

  /** " (Principal)", " (Teacher and Coach)", or nothing when no role was known. */
  private static String roles(List<String> names) {
    return names.isEmpty() ? "" : " (" + list(names) + ")";
  }

  private static String account(UpdateUser u) {
    Profile b = u.before();
    Profile a = u.after();
    if (u.kind() == ChangeKind.RELEASE_EMAIL) {
      return "email "
          + b.email()
          + " is set aside for a moment, so that another person can take it in this run";
    }
    List<String> parts = new ArrayList<>();
    if (u.kind() == ChangeKind.LINK) {
      parts.add(
          "account made by hand in Titan is linked to the SIS record "
              + a.externalId()
              + " (same email)");
    } else if (!Objects.equals(b.externalId(), a.externalId())) {
      parts.add(
          "SIS record changes from " + quote(b.externalId()) + " to " + quote(a.externalId()));
    }
    String nameBefore = join(b.firstName(), b.lastName());
    String nameAfter = join(a.firstName(), a.lastName());
    if (!nameBefore.equals(nameAfter)) {
      parts.add("name changes from " + quote(nameBefore) + " to " + quote(nameAfter));
    }
    if (!Objects.equals(b.email(), a.email())) {
      parts.add("email changes from " + quote(b.email()) + " to " + quote(a.email()));
    }
    if (b.active() && !a.active()) {
      parts.add(
          u.kind() == ChangeKind.DEACTIVATE
              ? "account is deactivated: no longer in the export"
              : "account is deactivated");
    } else if (!b.active() && a.active()) {
      parts.add("account is active again");
    }
    if (parts.isEmpty()) {
      parts.add("account details are set again");
    }
    return String.join("; ", parts);
  }

  /** "Teacher", "Teacher and Coach", "Teacher, Coach and Nurse". */
  public static String list(List<String> items) {
    if (items.isEmpty()) {
      return "(no role)";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static String quote(String s) {
    return s == null || s.isEmpty() ? "(none)" : "\"" + s + "\"";
  }

  private static String join(String first, String last) {
    return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
  }
}
