package org.titansync.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.titansync.roster.TypoDistance;
import org.tomlj.TomlTable;

/**
 * Every table and key titan-sync understands, in the order docs/config.md lists them, and the "did
 * you mean" guess for a key it does not; {@link #reportUnknown} reports a config's unknown keys.
 */
final class ConfigKeys {
  /**
   * Table -> its keys. {@code csv.columns}, {@code sites.aliases}, {@code roles.map} are tables.
   */
  static final Map<String, List<String>> TABLES;

  /** Keys whose values never appear in a message. */
  static final Set<String> SECRETS = Set.of("titan.api_key", "email.password", "sftp.password");

  /** Keys whose value is a table of free-form names. */
  static final Set<String> NAME_TABLES = Set.of("csv.columns", "sites.aliases", "roles.map");

  static {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put(
        "titan",
        List.of(
            "base_url",
            "api_key",
            "timeout_seconds",
            "api_key_env",
            "api_key_file",
            "page_size",
            "max_concurrency",
            "max_requests_per_second",
            "initial_requests_per_second",
            "proxy"));
    tables.put(
        "csv",
        List.of(
            "delimiter",
            "role_separator",
            "encoding",
            "fallback_encoding",
            "columns",
            "max_file_mb",
            "max_rows"));
    tables.put(
        "roster",
        List.of(
            "format",
            "staff_roles",
            "ignore_roles",
            "external_id",
            "email_from",
            "username_domain",
            "lowercase_email",
            "site_key",
            "department_site",
            "disabled_users",
            "role_dates",
            "secondary_roles",
            "merge_by",
            "max_unpacked_mb"));
    tables.put("sites", List.of("aliases"));
    tables.put("roles", List.of("map"));
    tables.put(
        "sync",
        List.of(
            "dry_run",
            "match_existing_by_email",
            "protected_emails",
            "protected_external_ids",
            "protected_roles",
            "on_missing",
            "lock_wait_seconds",
            "min_free_mb",
            "membership_scope",
            "remove_after_missing_runs",
            "remove_after_missing_days",
            "update_email_case",
            "fail_on_row_errors"));
    tables.put(
        "guardrails",
        List.of(
            "max_removals",
            "max_removal_percent",
            "max_update_percent",
            "min_rows_percent_of_last",
            "hold_on_vanished_site",
            "hold_on_header_change",
            "hold_scope",
            "privileged_roles",
            "max_privileged_changes",
            "max_role_change_percent",
            "max_creations",
            "max_creation_percent",
            "max_domain_move_percent",
            "window_hours",
            "hold_on_last_privileged_holder",
            "hold_on_privileged_email_change",
            "hold_on_look_alike_privileged_name",
            "site_last_holder_roles"));
    tables.put(
        "retry",
        List.of(
            "max_attempts",
            "initial_delay_ms",
            "max_delay_ms",
            "multiplier",
            "run_budget_seconds"));
    tables.put(
        "paths", List.of("inbox", "logs", "archive", "quarantine", "held", "keep_runs_days"));
    tables.put(
        "email",
        List.of(
            "enabled",
            "host",
            "port",
            "starttls",
            "ssl",
            "username",
            "password",
            "from",
            "to",
            "cc",
            "subject_prefix",
            "send_on",
            "attach_reports",
            "helo"));
    tables.put(
        "daemon",
        List.of(
            "quiet_seconds",
            "done_suffix",
            "poll_seconds",
            "retry_seconds",
            "stop_timeout_seconds",
            "lock_dir",
            "failover_seconds",
            "http_host",
            "http_port"));
    tables.put(
        "sftp",
        List.of(
            "host",
            "port",
            "username",
            "password",
            "private_key",
            "known_hosts",
            "remote_dir",
            "poll_seconds",
            "after_fetch",
            "stable_polls",
            "down_after_failures",
            "backoff_seconds",
            "timeout_seconds"));
    tables.put("logging", List.of("format", "level"));
    tables.put(
        "districts",
        List.of(
            "concurrency",
            "rescan_seconds",
            "cluster",
            "lease_seconds",
            "renew_seconds",
            "retry_seconds",
            "kubernetes_namespace",
            "pod_name",
            "zookeeper_nodes",
            "zookeeper_base_path"));
    TABLES = Collections.unmodifiableMap(tables);
  }

  private ConfigKeys() {}

  /** Every dotted key, such as {@code titan.base_url} and {@code csv.columns}. */
  static Set<String> all() {
    Set<String> keys = new LinkedHashSet<>();
    TABLES.forEach((table, names) -> names.forEach(name -> keys.add(table + "." + name)));
    return Collections.unmodifiableSet(keys);
  }

  /** A problem for every table and key of the config that titan-sync does not know. */
  static void reportUnknown(ConfigReader reader) {
    TomlTable root = reader.root();
    for (String name : root.keySet()) {
      List<String> path = List.of(name);
      List<String> keys = TABLES.get(name);
      if (keys == null) {
        boolean isTable = root.get(path) instanceof TomlTable;
        reader.problem(
            path,
            (isTable ? "unknown table" : "unknown key")
                + suggest(null, name)
                    .map(
                        near ->
                            near.contains(".")
                                ? "; did you mean " + near + " (under [" + tableOf(near) + "])?"
                                : "; did you mean [" + near + "]?")
                    .orElse("; known tables are " + String.join(", ", TABLES.keySet())));
        continue;
      }
      Optional<TomlTable> table = reader.table(path);
      if (table.isEmpty()) {
        continue;
      }
      for (String key : table.get().keySet()) {
        if (!keys.contains(key)) {
          reader.problem(
              List.of(name, key),
              "unknown key"
                  + suggest(name, key)
                      .map(near -> "; did you mean " + near + "?")
                      .orElse("; [" + name + "] knows " + String.join(", ", keys)));
        }
      }
    }
  }

  private static String tableOf(String dottedKey) {
    return dottedKey.substring(0, dottedKey.indexOf('.'));
  }

  /**
   * The known name closest to {@code word} within two edits (a swap of neighbours counts as one),
   * or empty when none is that close.
   */
  static Optional<String> closest(String word, Iterable<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = TypoDistance.between(word.toLowerCase(Locale.ROOT), candidate);
      // Two edits make any two-letter word into any other: demand some letters in common.
      if (distance < bestDistance && distance < candidate.length()) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * A guess for an unknown key: a near spelling in the same table, else the same key in another
   * table (such as {@code dry_run} written under {@code [titan]}).
   *
   * @param table the table the key was found in, or null at the top level
   * @return the dotted key or table name to suggest
   */
  static Optional<String> suggest(String table, String key) {
    if (table == null) {
      Optional<String> near = closest(key, TABLES.keySet());
      if (near.isPresent()) {
        return near;
      }
    } else if (TABLES.containsKey(table)) {
      Optional<String> near = closest(key, TABLES.get(table));
      if (near.isPresent()) {
        return Optional.of(table + "." + near.get());
      }
    }
    List<String> elsewhere = new ArrayList<>();
    TABLES.forEach(
        (other, names) -> {
          if (!other.equals(table) && names.contains(key)) {
            elsewhere.add(other + "." + key);
          }
        });
    return elsewhere.size() == 1 ? Optional.of(elsewhere.get(0)) : Optional.empty();
  }
}
