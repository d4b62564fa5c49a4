package org.titansync.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An ownership line of the audit log ({@code "type": "owned"}): how one run changes what titan-sync
 * owns of one person in one Titan, forced to disk before the run's first write. What titan-sync
 * owns ({@link TitanMemory}) is rebuilt from these lines, and a run killed mid-way still owns what
 * it named and may have granted. Each part is site id -> role ids, both sorted, so that a line
 * reads the same every time it is written. Written by the state folder's one JSON mapping as this
 * record says; read by {@link AuditLine#read}.
 *
 * @param titan the Titan the run judged: its base URL, or {@code sandbox}
 * @param adopted taken over at the first run against that Titan
 * @param named what the file names that was not owned yet (the run's grants among it)
 * @param released what was owned and Titan no longer holds
 */
@JsonPropertyOrder({
  "type",
  "time",
  "run_id",
  "titan",
  "external_id",
  "adopted",
  "named",
  "released"
})
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
    adopted = sorted(adopted);
    named = sorted(named);
    released = sorted(released);
  }

  @JsonProperty("type")
  String type() {
    return TYPE;
  }

  private static Map<String, Set<String>> sorted(Map<String, Set<String>> sites) {
    SortedMap<String, Set<String>> out = new TreeMap<>();
    if (sites != null) {
      sites.forEach(
          (site, roles) ->
              out.put(
                  site,
                  Collections.unmodifiableSortedSet(
                      new TreeSet<>(roles == null ? Set.of() : roles))));
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
