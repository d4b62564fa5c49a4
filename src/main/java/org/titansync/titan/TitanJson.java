package org.titansync.titan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;

/**
 * The one mapping between Titan's JSON (docs/titan-api.md) and the core's records: sites, roles and
 * users read field by field from a stream (unknown fields skipped, as the contract asks; a field of
 * the wrong type named in an {@link UnexpectedField}), and the bodies of the writes.
 */
final class TitanJson {
  private TitanJson() {}

  /**
   * Jackson's object mapper, loaded on first use: the snapshot read needs only the streaming
   * parser, and its thread should not wait for the object mapper's few hundred classes (writes and
   * error bodies use it).
   */
  private static final class Mapper {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Mapper() {}
  }

  private static final class Streams {
    static final JsonFactory FACTORY = new JsonFactory();

    private Streams() {}
  }

  static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  static JsonParser parser(byte[] body) throws IOException {
    return Streams.FACTORY.createParser(body);
  }

  /** An answer that is one user object (a look-up by id, a create). */
  static TitanUser oneUser(byte[] body) throws IOException {
    try (JsonParser p = parser(body)) {
      JsonToken start = p.nextToken();
      if (start != JsonToken.START_OBJECT) {
        throw new UnexpectedField("(the answer)", "a user object", start);
      }
      return user(p, Map.of());
    }
  }

  /** A string or null; anything else names the field. Leaves the parser on the value's end. */
  static String text(JsonParser p, JsonToken token, String field) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new UnexpectedField(field, "a string", token);
  }

  /** A required id: a non-empty string. */
  private static String id(String value, String field) throws IOException {
    if (value == null || value.isEmpty()) {
      throw new UnexpectedField(field, "a non-empty string", JsonToken.VALUE_NULL);
    }
    return value;
  }

  /** A site; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
  static TitanSite site(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String code = null;
    boolean active = true;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "name" -> name = text(p, token, "name");
        case "code" -> code = text(p, token, "code");
        case "active" -> {
          if (token == JsonToken.VALUE_FALSE) {
            active = false;
          } else if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_NULL) {
            throw new UnexpectedField("active", "true or false", token);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new TitanSite(id(id, "id"), name, code, active);
  }

  /** A role; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
  static TitanRole role(JsonParser p) throws IOException {
    String id = null;
    String name = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "name" -> name = text(p, token, "name");
        default -> p.skipChildren();
      }
    }
    return new TitanRole(id(id, "id"), name);
  }

  /**
   * A user; the parser stands on its START_OBJECT and ends on its END_OBJECT. The one reader of a
   * user, for pages, look-ups and a create's answer alike.
   *
   * @param ids the sites' and roles' ids, so that users share one copy of each
   */
  static TitanUser user(JsonParser p, Map<String, String> ids) throws IOException {
    String id = null;
    String externalId = null;
    String first = null;
    String last = null;
    String email = null;
    String status = null;
    Map<String, Set<String>> memberships = Map.of();
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      // One switch per field: this loop runs for every field of every user, and a lean loop is
      // what the JIT compiles fastest.
      switch (field) {
        case "id" -> id = text(p, token, "id");
        case "external_id" -> externalId = text(p, token, "external_id");
        case "first_name" -> first = text(p, token, "first_name");
        case "last_name" -> last = text(p, token, "last_name");
        case "email" -> email = text(p, token, "email");
        case "status" -> status = text(p, token, "status");
        case "memberships" -> {
          if (token == JsonToken.START_ARRAY) {
            memberships = memberships(p, ids);
          } else if (token != JsonToken.VALUE_NULL) {
            throw new UnexpectedField("memberships", "a list", token);
          }
        }
        default -> p.skipChildren();
      }
    }
    return new TitanUser(
        id(id, "id"), externalId, first, last, email, !"inactive".equals(status), memberships);
  }

  /** A user's memberships (the parser stands on the array's start): site id -> role ids. */
  private static Map<String, Set<String>> memberships(JsonParser p, Map<String, String> ids)
      throws IOException {
    String onlySite = null;
    Set<String> onlyRoles = null;
    Map<String, Set<String>> more = null; // a second site: most users have one
    JsonToken entry;
    while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
      if (entry != JsonToken.START_OBJECT) {
        throw new UnexpectedField("memberships[]", "an object", entry);
      }
      String site = null;
      List<String> roles = new ArrayList<>(2);
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if ("role_ids".equals(f)) {
          if (v != JsonToken.START_ARRAY) {
            throw new UnexpectedField("memberships[].role_ids", "a list", v);
          }
          JsonToken role;
          while ((role = p.nextToken()) != JsonToken.END_ARRAY) {
            roles.add(pooled(id(text(p, role, "memberships[].role_ids[]"), "role_ids[]"), ids));
          }
        } else if ("site_id".equals(f)) {
          site = pooled(text(p, v, "memberships[].site_id"), ids);
        } else {
          p.skipChildren();
        }
      }
      site = id(site, "memberships[].site_id");
      Set<String> roleSet = Set.copyOf(roles);
      if (more == null && (onlySite == null || onlySite.equals(site))) {
        onlySite = site;
        onlyRoles = roleSet;
      } else {
        if (more == null) {
          more = new HashMap<>();
          more.put(onlySite, onlyRoles);
        }
        more.put(site, roleSet);
      }
    }
    if (more != null) {
      return Map.copyOf(more);
    }
    return onlySite == null ? Map.of() : Map.of(onlySite, onlyRoles);
  }

  private static String pooled(String value, Map<String, String> ids) {
    return value == null ? null : ids.getOrDefault(value, value);
  }

  /** The body of a create: the person and their memberships. */
  static String createBody(CreateUser c) {
    ObjectNode body = mapper().createObjectNode();
    body.put("external_id", c.externalId());
    body.put("first_name", c.firstName());
    body.put("last_name", c.lastName());
    body.put("email", c.email());
    ArrayNode memberships = body.putArray("memberships");
    for (Membership m : c.memberships()) {
      ObjectNode node = memberships.addObject();
      node.put("site_id", m.siteId());
      ArrayNode roles = node.putArray("role_ids");
      m.roleIds().forEach(roles::add);
    }
    return write(body);
  }

  /** Only the fields that differ are sent, so a PATCH never undoes a concurrent edit elsewhere. */
  static String patchBody(Profile before, Profile after) {
    ObjectNode body = mapper().createObjectNode();
    if (!Objects.equals(before.externalId(), after.externalId())) {
      body.put("external_id", after.externalId());
    }
    if (!Objects.equals(before.firstName(), after.firstName())) {
      body.put("first_name", after.firstName());
    }
    if (!Objects.equals(before.lastName(), after.lastName())) {
      body.put("last_name", after.lastName());
    }
    if (!Objects.equals(before.email(), after.email())) {
      body.put("email", after.email());
    }
    if (before.active() != after.active()) {
      body.put("status", after.active() ? "active" : "inactive");
    }
    return write(body);
  }

  /** The body of a PUT of one site's roles. */
  static String rolesBody(Membership after) {
    ObjectNode body = mapper().createObjectNode();
    ArrayNode roles = body.putArray("role_ids");
    after.roleIds().forEach(roles::add);
    return write(body);
  }

  private static String write(ObjectNode node) {
    try {
      return mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
