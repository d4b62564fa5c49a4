package org.titansync.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An ownership line of the audit log ({@code "type": "owned"}): how one run changes what titan-sync
 * owns of one person in one Titan, forced to disk before the run's first write. What titan-sync
 * owns ({@link TitanMemory}) is rebuilt from these lines, and a run killed mid-way still owns what
 * it named and may have granted. Each part is site id -> role ids.
 *
 * @param titan the Titan the run judged: its base URL, or {@code sandbox}
 * @param adopted taken over at the first run against that Titan
 * @param named what the file names that was not owned yet (the run's grants among it)
 * @param released what was owned and Titan no longer holds
 */
public record AuditOwned(
    String time,
    String runId,
    String titan,
    String externalId,
    Map<String, Set<String>> adopted,
    Map<String, Set<String>> named,
    Map<String, Set<String>> released)
    implements AuditLine {

  /** The line's {@code type}. */
  static final String TYPE = "owned";

  public AuditOwned {
    adopted = Map.copyOf(adopted);
    named = Map.copyOf(named);
    released = Map.copyOf(released);
  }

  /** The line's JSON object, in a stable field order, sites and roles sorted. */
  Map<String, Object> toJson() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", TYPE);
    line.put("time", time);
    line.put("run_id", runId);
    line.put("titan", titan);
    line.put("external_id", externalId);
    line.put("adopted", sorted(adopted));
    line.put("named", sorted(named));
    line.put("released", sorted(released));
    return line;
  }

  private static Map<String, List<String>> sorted(Map<String, Set<String>> sites) {
    Map<String, List<String>> out = new TreeMap<>();
    sites.forEach((site, roles) -> out.put(site, List.copyOf(new TreeSet<>(roles))));
    return out;
  }

  /**
   * The ownership line a JSON object holds.
   *
   * @throws IllegalArgumentException naming the field that is missing or of the wrong type
   */
  static AuditOwned fromJson(Map<String, Object> line) {
    return new AuditOwned(
        text(line, "time"),
        required(line, "run_id"),
        required(line, "titan"),
        required(line, "external_id"),
        sites(line, "adopted"),
        sites(line, "named"),
        sites(line, "released"));
  }

  private static String required(Map<String, Object> line, String field) {
    String value = text(line, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value;
  }

  private static String text(Map<String, Object> line, String field) {
    Object value = line.get(field);
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(field + " is not a string");
  }

  private static Map<String, Set<String>> sites(Map<String, Object> line, String field) {
    Object value = line.get(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(field + " is not an object");
    }
    Map<String, Set<String>> out = new TreeMap<>();
    for (Map.Entry<?, ?> site : map.entrySet()) {
      if (!(site.getValue() instanceof List<?> roles)) {
        throw new IllegalArgumentException(field + " holds a site whose roles are not a list");
      }
      Set<String> ids = new TreeSet<>();
      for (Object role : roles) {
        if (!(role instanceof String id)) {
          throw new IllegalArgumentException(field + " holds a role id that is not a string");
        }
        ids.add(id);
      }
      out.put(String.valueOf(site.getKey()), Set.copyOf(ids));
    }
    return out;
  }
}
