package org.titansync.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.Missing;
import org.titansync.run.MemoryRead;

/**
 * Why titan-sync owns each role it owns of one person in one Titan, for {@code explain}: what its
 * memory says it owns, each role with the run whose ownership line (in the audit log) last made it
 * titan-sync's, and since when the person is missing from the file, if they are.
 *
 * @param owned site id -> role id -> why, e.g. "named by the file in run 20260612-020000-ab12"
 * @param missing since when the person is missing; null when they are not
 * @param memoryFile where the memory is kept
 */
public record OwnershipHistory(
    Map<String, Map<String, String>> owned, Missing missing, String memoryFile) {

  /**
   * The person's ownership as the memory of {@code titan} and the audit log tell it.
   *
   * @throws WindowLedger.Unreadable when the memory or the audit log cannot be read
   */
  public static OwnershipHistory of(StateFolder store, String titan, String externalId)
      throws WindowLedger.Unreadable {
    TitanMemory memory = new TitanMemory(store, titan);
    MemoryRead now = memory.read();
    Map<String, Map<String, String>> why = new LinkedHashMap<>();
    String wanted = "\"external_id\":" + quoted(externalId);
    new AuditScan(store.audit())
        .scan(
            0,
            text ->
                text.startsWith("{\"type\":\"" + AuditOwned.TYPE + "\"") && text.contains(wanted),
            line -> {
              if (line instanceof AuditOwned o
                  && titan.equals(o.titan())
                  && o.externalId().equals(externalId)) {
                note(
                    why,
                    o.adopted(),
                    "taken over at the first run against this Titan (run " + o.runId() + ")");
                note(
                    why,
                    o.named(),
                    "named by the file in run "
                        + o.runId()
                        + " (granted then, if Titan did not hold it)");
              }
            });
    Map<String, Map<String, String>> owned = new TreeMap<>();
    Map<String, Set<String>> sites =
        now.ownership().firstRun() ? Map.of() : now.ownership().of(externalId);
    sites.forEach(
        (site, roles) -> {
          Map<String, String> each = new TreeMap<>();
          for (String role : roles) {
            each.put(
                role,
                why.getOrDefault(site, Map.of())
                    .getOrDefault(role, "in titan-sync's memory (its audit line is gone)"));
          }
          owned.put(site, each);
        });
    return new OwnershipHistory(owned, now.missing().get(externalId), memory.file().toString());
  }

  private static void note(
      Map<String, Map<String, String>> why, Map<String, Set<String>> sites, String reason) {
    sites.forEach(
        (site, roles) ->
            roles.forEach(r -> why.computeIfAbsent(site, k -> new TreeMap<>()).put(r, reason)));
  }

  /** The external_id as the audit log's JSON writes it, to find its lines by their text. */
  private static String quoted(String text) {
    try {
      return StoreJson.line(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a string always has its JSON", e);
    }
  }
}
