package org.titansync.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * A write of a past run as the plan's change it was, read back from its audit line (the before and
 * after the report shows, with the role names as they were), so that the guardrails count it with
 * the same rules as a plan's ({@link org.titansync.guard.Tally}). Profile fields an update did not
 * change are not in its line: they stay unknown (null) on both sides.
 */
final class WrittenChange {
  private WrittenChange() {}

  /**
   * The change an audit line is about.
   *
   * @throws IllegalArgumentException when its kind is not one titan-sync writes
   */
  static Change of(AuditEntry.Subject line) {
    Map<?, ?> before = line.before() == null ? Map.of() : line.before();
    Map<?, ?> after = line.after() == null ? Map.of() : line.after();
    ChangeKind kind = kind(line.change());
    return switch (kind) {
      case CREATE ->
          new CreateUser(
              line.externalId(),
              text(after.get("first_name")),
              text(after.get("last_name")),
              text(after.get("email")),
              memberships(after.get("memberships")),
              List.of());
      case SET_ROLES -> {
        String site = siteId(line, kind);
        Membership was = membership(site, before);
        yield new SetRoles(
            line.userId(),
            line.externalId(),
            line.email(),
            site,
            text(after.get("site")),
            was.roleIds(),
            was.roleNames(),
            membership(site, after));
      }
      case REMOVE_MEMBERSHIP -> {
        String site = siteId(line, kind);
        yield new RemoveMembership(
            line.userId(),
            line.externalId(),
            line.email(),
            site,
            text(before.get("site")),
            membership(site, before),
            false);
      }
      default ->
          new UpdateUser(
              kind,
              line.userId(),
              line.externalId(),
              line.email(),
              profile(before),
              profile(after));
    };
  }

  private static ChangeKind kind(String id) {
    for (ChangeKind k : ChangeKind.values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("change \"" + id + "\" is not a kind titan-sync writes");
  }

  private static Profile profile(Map<?, ?> fields) {
    return new Profile(
        text(fields.get("external_id")),
        text(fields.get("first_name")),
        text(fields.get("last_name")),
        text(fields.get("email")),
        !"inactive".equals(fields.get("status")));
  }

  private static List<Membership> memberships(Object list) {
    List<Membership> out = new ArrayList<>();
    if (list instanceof List<?> ms) {
      for (Object o : ms) {
        if (o instanceof Map<?, ?> m) {
          out.add(membership(text(m.get("site_id")), m));
        }
      }
    }
    return out;
  }

  /** The roles of one site, ids and names in the order the line gives them. */
  private static Membership membership(String siteId, Map<?, ?> fields) {
    return new Membership(
        siteId,
        text(fields.get("site")),
        texts(fields.get("role_ids")),
        texts(fields.get("roles")));
  }

  /** The site id of a membership change, from its key {@code kind:external_id:site_id}. */
  private static String siteId(AuditEntry.Subject line, ChangeKind kind) {
    String key = line.key();
    String prefix = kind.id() + ":" + line.externalId() + ":";
    return key.startsWith(prefix)
        ? key.substring(prefix.length())
        : key.substring(key.lastIndexOf(':') + 1);
  }

  private static List<String> texts(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
