package org.titansync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.titansync.sandbox.TitanState.Image;
import org.titansync.sandbox.TitanState.Role;
import org.titansync.sandbox.TitanState.Site;
import org.titansync.sandbox.TitanState.User;

/**
 * The JSON shapes of the sandbox: the API's Site, Role, User and Membership objects, and the
 * seed/state file (see {@link SandboxServer}). Seeds and state files are read and written as a
 * stream, one user at a time, so that 100,000 users load in about a second.
 */
final class StateCodec {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** Reads one value at a time from a stream of many (trailing tokens are the next values). */
  private static final ObjectReader ONE_VALUE =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateCodec() {}

  // ---- API objects ----

  static ObjectNode siteJson(Site site) {
    ObjectNode n = NODES.objectNode();
    n.put("id", site.id());
    n.put("name", site.name());
    n.put("code", site.code());
    n.put("active", site.active());
    return n;
  }

  static ObjectNode roleJson(Role role) {
    ObjectNode n = NODES.objectNode();
    n.put("id", role.id());
    n.put("name", role.name());
    return n;
  }

  static ObjectNode membershipJson(String siteId, List<String> roleIds) {
    ObjectNode n = NODES.objectNode();
    n.put("site_id", siteId);
    ArrayNode roles = n.putArray("role_ids");
    roleIds.forEach(roles::add);
    return n;
  }

  static ObjectNode userJson(User user) {
    ObjectNode n = NODES.objectNode();
    n.put("id", user.id());
    n.put("external_id", user.externalId());
    n.put("first_name", user.firstName());
    n.put("last_name", user.lastName());
    n.put("email", user.email());
    n.put("status", user.status());
    ArrayNode memberships = n.putArray("memberships");
    user.memberships().forEach((site, roles) -> memberships.add(membershipJson(site, roles)));
    n.put("created_at", user.createdAt().toString());
    n.put("updated_at", user.updatedAt().toString());
    return n;
  }

  // ---- seed / state file ----

  static ObjectNode toJson(Image image) {
    ObjectNode root = NODES.objectNode();
    ObjectNode keys = root.putObject("api_keys");
    image.apiKeys().forEach(keys::put);
    ArrayNode sites = root.putArray("sites");
    image.sites().forEach(s -> sites.add(siteJson(s)));
    ArrayNode roles = root.putArray("roles");
    image.roles().forEach(r -> roles.add(roleJson(r)));
    ArrayNode users = root.putArray("users");
    image.users().forEach(u -> users.add(userJson(u)));
    root.put("next_user_number", image.nextUserNumber());
    return root;
  }

  static void write(Image image, OutputStream out) throws IOException {
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("api_keys");
      for (Map.Entry<String, String> key : image.apiKeys().entrySet()) {
        g.writeStringField(key.getKey(), key.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("sites");
      for (Site site : image.sites()) {
        g.writeTree(siteJson(site));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("roles");
      for (Role role : image.roles()) {
        g.writeTree(roleJson(role));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("users");
      for (User user : image.users()) {
        g.writeTree(userJson(user));
      }
      g.writeEndArray();
      g.writeNumberField("next_user_number", image.nextUserNumber());
      g.writeEndObject();
    }
  }

  /**
   * Reads a seed or state file. Users without timestamps get {@code loadedAt}; unknown fields are
   * ignored; a malformed file is refused with an IllegalArgumentException naming the problem.
   */
  static Image read(InputStream in, Instant loadedAt) throws IOException {
    ImageReader reader = new ImageReader(loadedAt);
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a seed must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (p.nextToken() == JsonToken.START_ARRAY && field.equals("users")) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            reader.user(ONE_VALUE.readTree(p));
          }
        } else {
          reader.field(field, ONE_VALUE.readTree(p));
        }
      }
    }
    return reader.image();
  }

  /** The same as {@link #read(InputStream, Instant)}, for a seed already in memory. */
  static Image read(JsonNode root, Instant loadedAt) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a seed must be a JSON object");
    }
    ImageReader reader = new ImageReader(loadedAt);
    root.properties().forEach(e -> reader.field(e.getKey(), e.getValue()));
    return reader.image();
  }

  /** Collects the top-level fields of a seed, in whatever order they come. */
  private static final class ImageReader {
    private final Instant loadedAt;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<Site> sites = new ArrayList<>();
    private final List<Role> roles = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private long next = 1;

    ImageReader(Instant loadedAt) {
      this.loadedAt = loadedAt;
    }

    void field(String name, JsonNode node) {
      switch (name) {
        case "api_keys" -> keys.putAll(apiKeys(node));
        case "sites" -> elements(node, "sites").forEach(n -> sites.add(site(n)));
        case "roles" -> elements(node, "roles").forEach(n -> roles.add(role(n)));
        case "users" -> elements(node, "users").forEach(this::user);
        case "next_user_number" -> next = node == null ? 1 : node.asLong(1);
        default -> {
          // unknown top-level fields are ignored, as in requests
        }
      }
    }

    void user(JsonNode node) {
      users.add(StateCodec.user(node, loadedAt));
    }

    Image image() {
      return new Image(keys, sites, roles, users, next);
    }
  }

  private static Map<String, String> apiKeys(JsonNode node) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return keys;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("api_keys must map each key to \"admin\" or \"readonly\"");
    }
    node.properties().forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
    return keys;
  }

  private static List<JsonNode> elements(JsonNode node, String what) {
    List<JsonNode> list = new ArrayList<>();
    if (node == null || node.isNull()) {
      return list;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(what + " must be an array");
    }
    node.forEach(list::add);
    return list;
  }

  static Site site(JsonNode n) {
    return new Site(
        text(n, "id", "site"),
        text(n, "name", "site"),
        optionalText(n, "code"),
        !n.has("active") || n.get("active").asBoolean(true));
  }

  static Role role(JsonNode n) {
    return new Role(text(n, "id", "role"), text(n, "name", "role"));
  }

  /** A user of a seed; a missing id is left null for the state to assign. */
  static User user(JsonNode n, Instant loadedAt) {
    String id = optionalText(n, "id");
    String where = id == null ? "user " + n.path("email").asText() : "user " + id;
    TreeMap<String, List<String>> memberships = new TreeMap<>();
    for (JsonNode m : elements(n.get("memberships"), where + " memberships")) {
      List<String> roles = new ArrayList<>();
      elements(m.get("role_ids"), where + " role_ids").forEach(r -> roles.add(r.asText()));
      memberships.put(text(m, "site_id", where + " membership"), roles);
    }
    String status = n.has("status") ? text(n, "status", where) : "active";
    if (!status.equals("active") && !status.equals("inactive")) {
      throw new IllegalArgumentException(where + ": status must be active or inactive");
    }
    Instant created = instant(n, "created_at", loadedAt, where);
    return new User(
        id,
        optionalText(n, "external_id"),
        text(n, "first_name", where),
        text(n, "last_name", where),
        text(n, "email", where),
        status,
        memberships,
        created,
        instant(n, "updated_at", created, where));
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": " + field + " must be a string");
    }
    return v.asText();
  }

  private static String optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field, Instant fallback, String where) {
    String text = optionalText(n, field);
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": " + field + " is not a date-time", e);
    }
  }
}
