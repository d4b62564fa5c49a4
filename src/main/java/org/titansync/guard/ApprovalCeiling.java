package org.titansync.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * What approving a held run allows: the removals, deactivations, updates, creations and role
 * changes of the plan that was held, and nothing more. When the run is approved it is planned again
 * against Titan as it is then; a new plan with a guarded change this ceiling lacks is refused
 * (Titan or the config changed since), one with fewer goes ahead. Links and the temporary email
 * moves are not guarded, so they are not part of it.
 *
 * @param entries one per guarded change of the held plan
 */
public record ApprovalCeiling(List<Entry> entries) {

  /**
   * One guarded change.
   *
   * @param key the change's key, e.g. {@code remove_membership:E1001:s_01}
   * @param kind the change kind's id
   * @param signature what must match for the change to count as the same: the key, and for an
   *     update the profile it leads to
   * @param description the change in words, for the difference an approval shows when refused
   */
  public record Entry(String key, String kind, String signature, String description) {}

  public ApprovalCeiling {
    entries = List.copyOf(entries);
  }

  /** The ceiling a held plan sets. */
  public static ApprovalCeiling of(Plan plan) {
    List<Entry> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (guarded(c)) {
        out.add(entry(c));
      }
    }
    return new ApprovalCeiling(out);
  }

  /** The guarded changes of {@code now} that the held plan did not have, in plan order. */
  public List<Entry> beyond(Plan now) {
    Set<String> allowed = new HashSet<>();
    entries.forEach(e -> allowed.add(e.signature()));
    List<Entry> out = new ArrayList<>();
    for (Change c : now.changes()) {
      if (guarded(c)) {
        Entry e = entry(c);
        if (!allowed.contains(e.signature())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  /** The refusal in words, with the difference: one sentence, then one line per change. */
  public static String describeRefusal(String heldRunId, List<Entry> beyond, int shown) {
    StringBuilder s =
        new StringBuilder("The approval of run ")
            .append(heldRunId)
            .append(" is refused: planned again against Titan as it is now, the plan goes beyond")
            .append(" what was held by ")
            .append(Words.people(beyond.size(), "change"))
            .append(" (Titan or the config changed since). Nothing was written.");
    for (int i = 0; i < beyond.size() && i < shown; i++) {
      s.append("\n    + ").append(beyond.get(i).description());
    }
    if (beyond.size() > shown) {
      s.append("\n    ... and ").append(beyond.size() - shown).append(" more");
    }
    return s.toString();
  }

  private static boolean guarded(Change c) {
    return Guardrails.isRemoval(c)
        || Guardrails.isUpdate(c)
        || c instanceof CreateUser
        || c instanceof SetRoles;
  }

  private static Entry entry(Change c) {
    String signature = c.key();
    if (c instanceof UpdateUser u) {
      Profile a = u.after();
      signature +=
          "|"
              + a.externalId()
              + "|"
              + a.firstName()
              + "|"
              + a.lastName()
              + "|"
              + (a.email() == null ? null : a.email().toLowerCase(Locale.ROOT))
              + "|"
              + a.active();
    } else if (c instanceof CreateUser cu) {
      signature += "|" + roles(cu.memberships());
    } else if (c instanceof SetRoles sr) {
      signature += "|" + roles(List.of(sr.after()));
    }
    return new Entry(c.key(), c.kind().id(), signature, describe(c));
  }

  private static String roles(List<Membership> memberships) {
    List<String> out = new ArrayList<>();
    for (Membership m : memberships) {
      out.add(m.siteId() + "=" + String.join(",", m.roleIds()));
    }
    return String.join(";", out);
  }

  /** A guarded change in words, e.g. {@code remove E1001 <a@b.org> from Lincoln (Teacher)}. */
  static String describe(Change c) {
    String who = c.externalId() + " <" + c.email() + ">";
    if (c instanceof RemoveMembership r) {
      return "remove "
          + who
          + " from "
          + r.siteName()
          + " ("
          + String.join(", ", r.before().roleNames())
          + ")";
    }
    if (c instanceof CreateUser cu) {
      List<String> at = new ArrayList<>();
      cu.memberships()
          .forEach(m -> at.add(m.siteName() + " (" + String.join(", ", m.roleNames()) + ")"));
      return "create " + who + " at " + String.join(", ", at);
    }
    if (c instanceof SetRoles sr) {
      return "set roles of "
          + who
          + " at "
          + sr.siteName()
          + ": "
          + (sr.beforeRoleNames().isEmpty() ? "(none)" : String.join(", ", sr.beforeRoleNames()))
          + " -> "
          + String.join(", ", sr.after().roleNames());
    }
    UpdateUser u = (UpdateUser) c;
    List<String> words = new ArrayList<>();
    field("external id", u.before().externalId(), u.after().externalId(), words);
    field("first name", u.before().firstName(), u.after().firstName(), words);
    field("last name", u.before().lastName(), u.after().lastName(), words);
    field("email", u.before().email(), u.after().email(), words);
    field(
        "status",
        u.before().active() ? "active" : "inactive",
        u.after().active() ? "active" : "inactive",
        words);
    return u.kind().id() + " " + who + ": " + String.join("; ", words);
  }

  private static void field(String name, String before, String after, List<String> words) {
    if (!Objects.equals(before, after)) {
      words.add(name + " " + quote(before) + " -> " + quote(after));
    }
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }
}
