package org.titansync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.titansync.sandbox.TitanState.NewUser;
import org.titansync.sandbox.TitanState.UserPatch;

/**
 * The request bodies of the user writes, checked field by field into what {@link TitanState} takes.
 * Every problem of a body is collected, then refused at once as one 422.
 */
final class UserBodies {
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;

  /** Something@domain.tld, no spaces; what a JSON Schema "email" format check accepts, roughly. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  private UserBodies() {}

  /** The body as a JSON object; 400 when it is not JSON, 422 when it is not an object. */
  static ObjectNode object(String body) {
    JsonNode node;
    try {
      node = StateCodec.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400, "malformed_json", "The body is not valid JSON: " + e.getOriginalMessage(), Map.of());
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiError(
          400, "malformed_json", "The body is empty; a JSON object is required", Map.of());
    }
    if (!node.isObject()) {
      throw ApiError.validation("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** A POST /users body. */
  static NewUser newUser(ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    String firstName = name(body, "first_name", true, problems);
    String lastName = name(body, "last_name", true, problems);
    String email = email(body, true, problems);
    String externalId = externalId(body, problems);
    SortedMap<String, List<String>> memberships = memberships(body.get("memberships"), problems);
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    return new NewUser(externalId, firstName, lastName, email, memberships);
  }

  /** A PATCH /users/{id} body. */
  static UserPatch patch(ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    String firstName = name(body, "first_name", false, problems);
    String lastName = name(body, "last_name", false, problems);
    String email = email(body, false, problems);
    String externalId = externalId(body, problems);
    String status = null;
    JsonNode statusNode = body.get("status");
    if (statusNode != null) {
      status = statusNode.asText();
      if (!statusNode.isTextual() || !(status.equals("active") || status.equals("inactive"))) {
        problems.put("status", "must be active or inactive");
      }
    }
    boolean any = false;
    for (String field : List.of("external_id", "first_name", "last_name", "email", "status")) {
      any |= body.has(field);
    }
    if (!any) {
      problems.put(
          "body", "must set at least one of external_id, first_name, last_name, email, status");
    }
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    return new UserPatch(body.has("external_id"), externalId, firstName, lastName, email, status);
  }

  /** A PUT /users/{id}/memberships/{site_id} body: its role ids. */
  static List<String> membershipRoles(ObjectNode body) {
    Map<String, String> problems = new TreeMap<>();
    List<String> roleIds = roleIds(body.get("role_ids"), "role_ids", problems);
    if (!problems.isEmpty()) {
      throw ApiError.validation(problems);
    }
    return roleIds;
  }

  // ---- field checks: each adds "field -> reason" to problems ----

  private static String name(
      ObjectNode body, String field, boolean required, Map<String, String> problems) {
    String value = text(body, field, required, problems);
    if (value != null) {
      int length = value.codePointCount(0, value.length());
      if (length < 1) {
        problems.put(field, "must not be empty");
      } else if (length > MAX_NAME) {
        problems.put(field, "must be at most " + MAX_NAME + " characters");
      }
    }
    return value;
  }

  private static String email(ObjectNode body, boolean required, Map<String, String> problems) {
    String value = text(body, "email", required, problems);
    if (value != null) {
      if (value.codePointCount(0, value.length()) > MAX_EMAIL) {
        problems.put("email", "must be at most " + MAX_EMAIL + " characters");
      } else if (!EMAIL.matcher(value).matches()) {
        problems.put("email", "is not a valid email address");
      }
    }
    return value;
  }

  private static String text(
      ObjectNode body, String field, boolean required, Map<String, String> problems) {
    JsonNode node = body.get(field);
    if (node == null) {
      if (required) {
        problems.put(field, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.put(field, "must be a string");
      return null;
    }
    return node.asText();
  }

  private static String externalId(ObjectNode body, Map<String, String> problems) {
    JsonNode node = body.get("external_id");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.put("external_id", "must be a string or null");
      return null;
    }
    return node.asText();
  }

  private static SortedMap<String, List<String>> memberships(
      JsonNode node, Map<String, String> problems) {
    SortedMap<String, List<String>> memberships = new TreeMap<>();
    if (node == null || node.isNull()) {
      return memberships;
    }
    if (!node.isArray()) {
      problems.put("memberships", "must be an array");
      return memberships;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "memberships[" + i + "]";
      JsonNode m = node.get(i);
      if (!m.isObject()) {
        problems.put(at, "must be an object with site_id and role_ids");
        continue;
      }
      JsonNode site = m.get("site_id");
      List<String> roles = roleIds(m.get("role_ids"), at + ".role_ids", problems);
      if (site == null || !site.isTextual()) {
        problems.put(at + ".site_id", "is required and must be a string");
      } else if (memberships.containsKey(site.asText())) {
        problems.put(at + ".site_id", "repeats the site of an earlier membership");
      } else if (roles != null) {
        memberships.put(site.asText(), roles);
      }
    }
    return memberships;
  }

  /** At least one role id; duplicates are dropped, the order kept. */
  private static List<String> roleIds(JsonNode node, String field, Map<String, String> problems) {
    if (node == null || node.isNull()) {
      problems.put(field, "is required");
      return null;
    }
    if (!node.isArray()) {
      problems.put(field, "must be an array of role ids");
      return null;
    }
    if (node.isEmpty()) {
      problems.put(field, "must hold at least one role id");
      return null;
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (JsonNode id : node) {
      if (!id.isTextual()) {
        problems.put(field, "must hold only strings");
        return null;
      }
      ids.add(id.asText());
    }
    return List.copyOf(ids);
  }
}
