package org.titansync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the API before it goes on the wire; kept whole by the idempotency ledger so that a
 * replay sends exactly the first answer.
 *
 * @param body the JSON body, or null for 204
 * @param headers extra headers (the rate-limit headers are added when sending)
 */
record ApiResponse(int status, JsonNode body, Map<String, String> headers) {

  ApiResponse {
    headers = Map.copyOf(headers);
  }

  static ApiResponse json(int status, JsonNode body) {
    return new ApiResponse(status, body, Map.of());
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, Map.of());
  }

  static ApiResponse error(ApiError error) {
    return error(error.status(), error.code(), error.getMessage(), error.details());
  }

  static ApiResponse error(int status, String code, String message, Map<String, Object> details) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode err = root.putObject("error");
    err.put("code", code);
    err.put("message", message);
    err.set("details", StateCodec.MAPPER.valueToTree(details));
    return json(status, root);
  }

  ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, body, more);
  }
}
