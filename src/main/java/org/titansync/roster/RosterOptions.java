package org.titansync.roster;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * How to read an export.
 *
 * @param delimiter the field separator (default ',')
 * @param roleSeparator separates several roles inside role_names (default ";")
 * @param encoding the file's character set (default UTF-8; a UTF-8 BOM is always skipped)
 * @param columnAliases canonical column -> extra header names accepted for it; headers match case-
 *     and space-insensitively
 */
public record RosterOptions(
    char delimiter,
    String roleSeparator,
    Charset encoding,
    Map<String, List<String>> columnAliases) {

  /** The six columns every export must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");

  public static RosterOptions defaults() {
    return new RosterOptions(',', ";", java.nio.charset.StandardCharsets.UTF_8, Map.of());
  }
}
