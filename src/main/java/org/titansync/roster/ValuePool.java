package org.titansync.roster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One shared instance per distinct site name and role_names value while reading a file.
 *
 * <p>An export repeats a few hundred sites and a few dozen role combinations over many thousand
 * rows; sharing them keeps the people built from a large file small (less for the collector to
 * copy) and splits each role_names text once. The pool stops growing past a bound, so a file of
 * all-different values costs no more than it would without it.
 */
final class ValuePool {
  private static final int MAX_ENTRIES = 20_000;

  private final Map<String, String> sites = new HashMap<>();
  private final Map<String, List<String>> roles = new HashMap<>();

  String site(String name) {
    String known = sites.get(name);
    if (known != null) {
      return known;
    }
    if (sites.size() < MAX_ENTRIES) {
      sites.put(name, name);
    }
    return name;
  }

  /** The split roles for a role_names text; {@code split} must return an immutable list. */
  List<String> roles(String raw, Function<String, List<String>> split) {
    List<String> known = roles.get(raw);
    if (known != null) {
      return known;
    }
    List<String> fresh = split.apply(raw);
    if (roles.size() < MAX_ENTRIES) {
      roles.put(raw, fresh);
    }
    return fresh;
  }
}
