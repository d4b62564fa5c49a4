package org.titansync.roster;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A OneRoster manifest.csv: its version, and whether each file is a bulk export, a delta or absent.
 * In a delta, a person missing from users.csv is unchanged, not gone: titan-sync, which removes
 * whoever is missing, refuses a delta rather than read absence as departure.
 */
final class Manifest {
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, Integer> lines = new HashMap<>();
  private final String position;

  private Manifest(String position) {
    this.position = position;
  }

  static Manifest read(CsvTable table) throws IOException, RosterException {
    table.header(List.of("propertyName", "value"));
    Manifest manifest = new Manifest(table.position());
    int name = table.column("propertyName");
    int value = table.column("value");
    while (table.next()) {
      String key = table.get(name).toLowerCase(Locale.ROOT);
      String written = table.get(value);
      String earlier = manifest.properties.putIfAbsent(key, written);
      if (earlier != null && !earlier.equalsIgnoreCase(written)) {
        throw new RosterException(
            table.position(),
            table.line(),
            table.get(name),
            table.get(name)
                + " is set twice, to "
                + RowChecks.quote(earlier)
                + " and "
                + RowChecks.quote(written)
                + ": the manifest cannot be trusted");
      }
      manifest.lines.putIfAbsent(key, table.line());
    }
    return manifest;
  }

  String position() {
    return position;
  }

  /** oneroster.version as written, or empty. */
  String version() {
    return properties.getOrDefault("oneroster.version", "");
  }

  /**
   * What the manifest says of one file ({@code users}): bulk, delta or absent, lower case; empty
   * when it does not say.
   */
  String file(String name) {
    return properties.getOrDefault("file." + name, "").toLowerCase(Locale.ROOT);
  }

  /** The line of a property, for messages; 0 when it is not there. */
  int line(String property) {
    return lines.getOrDefault(property, 0);
  }
}
