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
 * @param fallback with {@code [csv] encoding = "auto"}: the character set a file that is not valid
 *     {@code encoding} (UTF-8) is read with, decided per file; null when the encoding is fixed
 */
public record RosterOptions(
    char delimiter,
    String roleSeparator,
    Charset encoding,
    Map<String, List<String>> columnAliases,
    long maxFileBytes,
    int maxRows,
    Charset fallback) {

  /** Options with a fixed encoding. */
  public RosterOptions(
      char delimiter,
      String roleSeparator,
      Charset encoding,
      Map<String, List<String>> columnAliases,
      long maxFileBytes,
      int maxRows) {
    this(delimiter, roleSeparator, encoding, columnAliases, maxFileBytes, maxRows, null);
  }

  /** The same options reading with {@code charset} alone. */
  RosterOptions fixed(Charset charset) {
    return new RosterOptions(
        delimiter, roleSeparator, charset, columnAliases, maxFileBytes, maxRows, null);
  }

  /** The six columns every export must have. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of("external_id", "first_name", "last_name", "email", "site_name", "role_names");

  /**
   * Default size limit: a 2,000,000-row export of long names is about 300 MB, so only a file that
   * is not a staff export (or a broken one) comes near it.
   */
  public static final int DEFAULT_MAX_FILE_MB = 1024;

  /** Default row limit: 0, as many as the heap holds ({@link #heapRowLimit}). */
  public static final int DEFAULT_MAX_ROWS = 0;

  /**
   * Heap a sync needs per data row, with a margin: the file's people, Titan's users and the plan
   * together. Measured (docs/benchmarks.md): 1,200,000 rows ran in -Xmx1536m (1,342 bytes a row)
   * and failed in -Xmx1g (894).
   */
  public static final long HEAP_BYTES_PER_ROW = 1_500;

  /** The most rows a heap of this size holds for a whole run. */
  public static int heapRowLimit(long maxHeapBytes) {
    return (int) Math.min(Integer.MAX_VALUE, maxHeapBytes / HEAP_BYTES_PER_ROW);
  }

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
