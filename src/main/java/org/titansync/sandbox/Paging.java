package org.titansync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The contract's cursor paging of the lists: the limit, opaque cursors, the page's body. */
final class Paging {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Paging() {}

  /** One page of a list, with the cursor of the next page when items follow. */
  static <T> ApiResponse page(
      List<T> items,
      boolean more,
      String list,
      Function<T, String> id,
      Function<T, ObjectNode> json) {
    ObjectNode root = NODES.objectNode();
    ArrayNode data = root.putArray("data");
    items.forEach(item -> data.add(json.apply(item)));
    if (more && !items.isEmpty()) {
      root.put("next_cursor", cursorFor(list, id.apply(items.get(items.size() - 1))));
    } else {
      root.putNull("next_cursor");
    }
    return ApiResponse.json(200, root);
  }

  /** Opaque to clients: the list's name and the last id returned, base64url. */
  static String cursorFor(String list, String lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ':' + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The last id of the page before, from the cursor parameter; null on the first page. */
  static String cursor(Map<String, String> q, String list) {
    String cursor = q.get("cursor");
    if (cursor == null) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(list + ':') && decoded.length() > list.length() + 1) {
        return decoded.substring(list.length() + 1);
      }
    } catch (IllegalArgumentException e) {
      // not base64: refused below like any foreign cursor
    }
    throw ApiError.validation("cursor", "is not a next_cursor of this list");
  }

  /** The limit parameter: 1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
  static int limit(Map<String, String> q) {
    String text = q.get("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiError.validation("limit", "must be an integer from 1 to " + MAX_LIMIT);
  }
}
