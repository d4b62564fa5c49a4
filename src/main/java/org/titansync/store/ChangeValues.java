package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.titansync.plan.Change;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.PastWrite;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * A change's values on one side of it, as plan.json and the audit log keep them ({@code before} and
 * {@code after}): the profile fields an update changes, the roles of one site, or a new user with
 * its memberships. A field that is not part of the change is absent; so is one set to nothing (an
 * update that clears a field has it on the other side only).
 *
 * @param status "active" or "inactive"
 * @param site the site's name, for a change of one membership
 * @param roleIds the roles at that site, Titan's ids
 * @param roles the same roles, by name as Titan had them
 * @param memberships a new user's sites and roles
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeValues(
    String externalId,
    String firstName,
    String lastName,
    String email,
    String status,
    String site,
    List<String> roleIds,
    List<String> roles,
    List<SiteRoles> memberships) {

  /** One site of a new user, with its roles. */
  public record SiteRoles(String siteId, String site, List<String> roleIds, List<String> roles) {
    Membership membership() {
      return new Membership(siteId, site, texts(roleIds), texts(roles));
    }
  }

  private static final ChangeValues NONE =
      new ChangeValues(null, null, null, null, null, null, null, null, null);

  /** The values before a change; null for a create (nothing was there). */
  public static ChangeValues before(Change change) {
    if (change instanceof UpdateUser u) {
      return profile(u.before(), u.after());
    }
    if (change instanceof SetRoles s) {
      return roles(s.siteName(), s.beforeRoleIds(), s.beforeRoleNames());
    }
    if (change instanceof RemoveMembership r) {
      return roles(r.siteName(), r.before().roleIds(), r.before().roleNames());
    }
    return null;
  }

  /** The values after a change; null for a membership taken away. */
  public static ChangeValues after(Change change) {
    if (change instanceof CreateUser c) {
      List<SiteRoles> sites = new ArrayList<>();
      for (Membership m : c.memberships()) {
        sites.add(new SiteRoles(m.siteId(), m.siteName(), m.roleIds(), m.roleNames()));
      }
      return new ChangeValues(
          c.externalId(), c.firstName(), c.lastName(), c.email(), null, null, null, null, sites);
    }
    if (change instanceof UpdateUser u) {
      return profile(u.after(), u.before());
    }
    if (change instanceof SetRoles s) {
      return roles(s.siteName(), s.after().roleIds(), s.after().roleNames());
    }
    return null;
  }

  /** The fields of {@code side} that differ from {@code other}. */
  private static ChangeValues profile(Profile side, Profile other) {
    return new ChangeValues(
        differs(side.externalId(), other.externalId()),
        differs(side.firstName(), other.firstName()),
        differs(side.lastName(), other.lastName()),
        differs(side.email(), other.email()),
        differs(status(side), status(other)),
        null,
        null,
        null,
        null);
  }

  private static ChangeValues roles(String site, List<String> roleIds, List<String> roles) {
    return new ChangeValues(null, null, null, null, null, site, roleIds, roles, null);
  }

  private static String differs(String value, String other) {
    return Objects.equals(value, other) ? null : value;
  }

  private static String status(Profile p) {
    return p.active() ? "active" : "inactive";
  }

  /** The values of a side a line leaves out (null): none. */
  static ChangeValues orNone(ChangeValues values) {
    return values == null ? NONE : values;
  }

  /** A profile field's value on this side; null when the change does not set it here. */
  String field(PastWrite.ProfileField field) {
    return switch (field) {
      case EXTERNAL_ID -> externalId;
      case FIRST_NAME -> firstName;
      case LAST_NAME -> lastName;
      case EMAIL -> email;
      case STATUS -> status;
    };
  }

  /** The profile as this side tells it; fields it does not set are null. */
  Profile profile() {
    return new Profile(externalId, firstName, lastName, email, !"inactive".equals(status));
  }

  /** The roles of one site as this side tells them. */
  Membership membership(String siteId) {
    return new Membership(siteId, site, texts(roleIds), texts(roles));
  }

  /** The role ids, as a set. */
  Set<String> roleIdSet() {
    return new TreeSet<>(texts(roleIds));
  }

  /** A new user's memberships as this side tells them. */
  List<Membership> membershipList() {
    List<Membership> out = new ArrayList<>();
    if (memberships != null) {
      memberships.forEach(m -> out.add(m.membership()));
    }
    return out;
  }

  private static List<String> texts(List<String> list) {
    return list == null ? List.of() : list;
  }

  /** The fields this side sets, as {@code explain} prints them: {@code {last_name=Smyth}}. */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    put(shown, "external_id", externalId);
    put(shown, "first_name", firstName);
    put(shown, "last_name", lastName);
    put(shown, "email", email);
    put(shown, "status", status);
    put(shown, "site", site);
    put(shown, "role_ids", roleIds);
    put(shown, "roles", roles);
    if (memberships != null) {
      List<Map<String, Object>> sites = new ArrayList<>();
      for (SiteRoles m : memberships) {
        Map<String, Object> one = new LinkedHashMap<>();
        put(one, "site_id", m.siteId());
        put(one, "site", m.site());
        put(one, "role_ids", m.roleIds());
        put(one, "roles", m.roles());
        sites.add(one);
      }
      shown.put("memberships", sites);
    }
    return shown.toString();
  }

  private static void put(Map<String, Object> shown, String name, Object value) {
    if (value != null) {
      shown.put(name, value);
    }
  }
}
