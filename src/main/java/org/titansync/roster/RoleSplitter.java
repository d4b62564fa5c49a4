package org.titansync.roster;

import java.util.ArrayList;
import java.util.List;

/** Splits a role_names cell into its roles. */
final class RoleSplitter {
  private final String separator;

  /**
   * @throws IllegalArgumentException when the separator is empty
   */
  RoleSplitter(String separator) {
    if (separator == null || separator.isEmpty()) {
      throw new IllegalArgumentException("the role separator cannot be empty");
    }
    this.separator = separator;
  }

  /** Splits role_names, dropping empties and case-insensitive duplicates, keeping file order. */
  List<String> split(String raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    if (!raw.contains(separator)) {
      return List.of(raw); // the common case: one role, already trimmed
    }
    List<String> roles = new ArrayList<>(4);
    int start = 0;
    while (start <= raw.length()) {
      int end = raw.indexOf(separator, start);
      if (end < 0) {
        end = raw.length();
      }
      String role = CellText.trim(raw.substring(start, end));
      if (!role.isEmpty() && !containsIgnoreCase(roles, role)) {
        roles.add(role);
      }
      start = end + separator.length();
    }
    return List.copyOf(roles);
  }

  /** Role names compare without case: "Teacher" and "teacher" are one role. */
  static boolean containsIgnoreCase(List<String> values, String value) {
    for (String v : values) {
      if (v.equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }
}
