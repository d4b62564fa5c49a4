package org.titansync.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tomlj.TomlTable;

/**
 * Reads {@code [sites.aliases]} or {@code [roles.map]}: name in the export (lower case) -> name in
 * Titan. Names compare ignoring case.
 */
final class NameMapSection {
  private NameMapSection() {}

  static Map<String, String> read(ConfigReader reader, List<String> tablePath) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> writtenAs = new HashMap<>();
    Optional<TomlTable> table = reader.table(tablePath);
    if (table.isEmpty()) {
      return names;
    }
    for (String name : table.get().keySet()) {
      List<String> path = List.of(tablePath.get(0), tablePath.get(1), name);
      String target = reader.string(path, null);
      if (target == null) {
        continue;
      }
      String key = name.strip().toLowerCase(Locale.ROOT);
      if (key.isEmpty() || target.isBlank()) {
        reader.problem(path, "names cannot be empty");
        continue;
      }
      String earlier = writtenAs.putIfAbsent(key, name);
      if (earlier != null && !names.get(key).equals(target.strip())) {
        reader.problem(
            path,
            "\""
                + earlier
                + "\" is already mapped (names compare ignoring case) to \""
                + names.get(key)
                + "\"");
        continue;
      }
      names.put(key, target.strip());
    }
    return names;
  }
}
