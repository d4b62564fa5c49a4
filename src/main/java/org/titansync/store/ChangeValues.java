package org.titansync.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * update that clears a field keeps it on that side, with no value ({@code cleared}).
 *
 * @param status "active" or "inactive"
 * @param site the site's name, for a change of one membership
 * @param roleIds the roles at that site, Titan's ids
 * @param roles the same roles, by name as Titan had them
 * @param memberships a new user's sites and roles
 * @param cleared the profile fields this side sets to nothing (written as {@code null})
 */
@JsonSerialize(using = ChangeValues.Writer.class)
@JsonDeserialize(using = ChangeValues.Reader.class)
public record ChangeValues(
    String externalId,
    String firstName,
    String lastName,
    String email,
    String status,
    String site,
    List<String> roleIds,
    List<String> roles,
    List<SiteRoles> memberships,
    Set<PastWrite.ProfileField> cleared) {

  public ChangeValues {
    cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
  }

  /** One site of a new user, with its roles. */
  public record SiteRoles(String siteId, String site, List<String> roleIds, List<String> roles) {
    Membership membership() {
      return new Membership(siteId, site, texts(roleIds), texts(roles));
    }
  }

  private static final ChangeValues NONE =
      new ChangeValues(null, null, null, null, null, null, null, null, null, null);

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
          c.externalId(),
          c.firstName(),
          c.lastName(),
          c.email(),
          null,
          null,
          null,
          null,
          sites,
          null);
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
    Set<PastWrite.ProfileField> cleared = EnumSet.noneOf(PastWrite.ProfileField.class);
    for (PastWrite.ProfileField f : PastWrite.ProfileField.values()) {
      if (value(side, f) == null && value(other, f) != null) {
        cleared.add(f);
      }
    }
    return new ChangeValues(
        differs(side.externalId(), other.externalId()),
        differs(side.firstName(), other.firstName()),
        differs(side.lastName(), other.lastName()),
        differs(side.email(), other.email()),
        differs(status(side), status(other)),
        null,
        null,
        null,
        null,
        cleared);
  }

  private static String value(Profile p, PastWrite.ProfileField field) {
    return switch (field) {
      case EXTERNAL_ID -> p.externalId();
      case FIRST_NAME -> p.firstName();
      case LAST_NAME -> p.lastName();
      case EMAIL -> p.email();
      case STATUS -> status(p);
    };
  }

  private static ChangeValues roles(String site, List<String> roleIds, List<String> roles) {
    return new ChangeValues(null, null, null, null, null, site, roleIds, roles, null, null);
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

  /**
   * The fields this side sets, by their names in the files ({@code first_name}, {@code roles},
   * {@code memberships} as maps): what explain puts into words.
   */
  public Map<String, Object> fields() {
    return shown();
  }

  /** The fields this side sets, in the order the files give them; a cleared one maps to null. */
  private Map<String, Object> shown() {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (PastWrite.ProfileField f : PastWrite.ProfileField.values()) {
      String value = field(f);
      if (value != null || cleared.contains(f)) {
        shown.put(f.id(), value);
      }
    }
    put(shown, "site", site);
    put(shown, "role_ids", roleIds);
    put(shown, "roles", roles);
    if (memberships != null) {
      List<Map<String, Object>> sites = new ArrayList<>();
      for (SiteRoles m : memberships) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("site_id", m.siteId());
        one.put("site", m.site());
        one.put("role_ids", m.roleIds());
        one.put("roles", m.roles());
        sites.add(one);
      }
      shown.put("memberships", sites);
    }
    return shown;
  }

  /** The fields this side sets, as {@code explain} prints them: {@code {last_name=Smyth}}. */
  @Override
  public String toString() {
    return shown().toString();
  }

  private static void put(Map<String, Object> shown, String name, Object value) {
    if (value != null) {
      shown.put(name, value);
    }
  }

  /**
   * Writes the fields this side sets, in a stable order, and a cleared field as {@code null}: what
   * an annotation cannot say, as it judges each value on its own.
   */
  static final class Writer extends StdSerializer<ChangeValues> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(ChangeValues.class);
    }

    @Override
    public void serialize(ChangeValues values, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      write(values, out);
    }

    /**
     * The fields {@link #shown} gives, in its order, streamed: two of these go into the audit log
     * for every write, and a map per side would be built, then walked by Jackson's generic
     * serializers, for each.
     */
    static void write(ChangeValues values, JsonGenerator out) throws IOException {
      out.writeStartObject();
      for (PastWrite.ProfileField f : PastWrite.ProfileField.values()) {
        String value = values.field(f);
        if (value != null || values.cleared.contains(f)) {
          out.writeFieldName(f.id());
          text(out, value);
        }
      }
      if (values.site != null) {
        out.writeFieldName("site");
        out.writeString(values.site);
      }
      if (values.roleIds != null) {
        out.writeFieldName("role_ids");
        texts(out, values.roleIds);
      }
      if (values.roles != null) {
        out.writeFieldName("roles");
        texts(out, values.roles);
      }
      if (values.memberships != null) {
        out.writeFieldName("memberships");
        out.writeStartArray();
        for (SiteRoles m : values.memberships) {
          out.writeStartObject();
          out.writeFieldName("site_id");
          text(out, m.siteId());
          out.writeFieldName("site");
          text(out, m.site());
          out.writeFieldName("role_ids");
          texts(out, m.roleIds());
          out.writeFieldName("roles");
          texts(out, m.roles());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    }

    private static void text(JsonGenerator out, String value) throws IOException {
      if (value == null) {
        out.writeNull();
      } else {
        out.writeString(value);
      }
    }

    private static void texts(JsonGenerator out, List<String> values) throws IOException {
      if (values == null) {
        out.writeNull();
        return;
      }
      out.writeStartArray();
      for (String value : values) {
        text(out, value);
      }
      out.writeEndArray();
    }
  }

  /**
   * Reads what {@link Writer} writes, and what earlier versions wrote: a profile field given as
   * {@code null} is cleared, one not given is not part of the change; any other field is passed
   * over, as the state folder's files are read.
   */
  static final class Reader extends StdDeserializer<ChangeValues> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(ChangeValues.class);
    }

    @Override
    public ChangeValues deserialize(JsonParser in, DeserializationContext context)
        throws IOException {
      JsonNode node = in.readValueAsTree();
      if (!node.isObject()) {
        throw new IllegalArgumentException("before or after is not an object");
      }
      Map<PastWrite.ProfileField, String> profile =
          new java.util.EnumMap<>(PastWrite.ProfileField.class);
      Set<PastWrite.ProfileField> cleared = EnumSet.noneOf(PastWrite.ProfileField.class);
      for (PastWrite.ProfileField f : PastWrite.ProfileField.values()) {
        JsonNode value = node.get(f.id());
        if (value != null && value.isNull()) {
          cleared.add(f);
        } else if (value != null) {
          profile.put(f, value.asText());
        }
      }
      List<SiteRoles> memberships = null;
      if (node.hasNonNull("memberships")) {
        memberships = new ArrayList<>();
        for (JsonNode m : node.get("memberships")) {
          memberships.add(
              new SiteRoles(
                  text(m, "site_id"), text(m, "site"), texts(m, "role_ids"), texts(m, "roles")));
        }
      }
      return new ChangeValues(
          profile.get(PastWrite.ProfileField.EXTERNAL_ID),
          profile.get(PastWrite.ProfileField.FIRST_NAME),
          profile.get(PastWrite.ProfileField.LAST_NAME),
          profile.get(PastWrite.ProfileField.EMAIL),
          profile.get(PastWrite.ProfileField.STATUS),
          text(node, "site"),
          texts(node, "role_ids"),
          texts(node, "roles"),
          memberships,
          cleared);
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      value.forEach(v -> out.add(v.asText()));
      return out;
    }
  }
}
