package org.titansync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw path and query of a request, decoded; a badly escaped one is a 400. */
final class UrlParts {
  private UrlParts() {}

  /** The path's segments, each percent-decoded (a + stays a +). */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    int start = rawPath.startsWith("/") ? 1 : 0;
    while (start < rawPath.length()) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? rawPath.length() : slash;
      segments.add(decode(rawPath.substring(start, end).replace("+", "%2B")));
      start = end + 1;
    }
    return segments;
  }

  /** Query parameters, form-decoded; the first of repeated names wins. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      String pair = rawQuery.substring(start, end);
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.putIfAbsent(name, value);
      }
      start = end + 1;
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "bad_request", "Badly escaped URL: " + text, Map.of());
    }
  }
}
