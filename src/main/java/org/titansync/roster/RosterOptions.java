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
 * @param maxFileBytes a larger file is refused before it is read (default {@link
 *     #DEFAULT_MAX_FILE_MB} MB)
 * @param maxRows a file with more data rows is refused as soon as reading passes this many (default
 *     {@link #DEFAULT_MAX_ROWS})
 */
public record RosterOptions(
    char delimiter,
    String roleSeparator,
    Charset encoding,
    Map<String, List<String>> columnAliases,
    long maxFileBytes,
    int maxRows) {

  /** The six columns every export must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");

  /**
   * Default size limit: a 2,000,000-row export of long names is about 300 MB, so only a file that
   * is not a staff export (or a broken one) comes near it.
   */
  public static final int DEFAULT_MAX_FILE_MB = 1024;

  /** Default row limit; docs/benchmarks.md shows what fits in the shipped heap of 512 MB. */
  public static final int DEFAULT_MAX_ROWS = 2_000_000;

  /** With the default size and row limits. */
  public RosterOptions(
      char delimiter,
      String roleSeparator,
      Charset encoding,
      Map<String, List<String>> columnAliases) {
    this(
        delimiter,
        roleSeparator,
        encoding,
        columnAliases,
        DEFAULT_MAX_FILE_MB * 1024L * 1024L,
        DEFAULT_MAX_ROWS);
  }

  public static RosterOptions defaults() {
    return new RosterOptions(',', ";", java.nio.charset.StandardCharsets.UTF_8, Map.of());
  }
}
