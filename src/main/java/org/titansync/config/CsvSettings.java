package org.titansync.config;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code [csv]}: how to read the export ({@link SyncConfig#csv()}).
 *
 * @param columns canonical column -> extra header names accepted for it
 * @param maxFileMb a larger file is refused before it is read
 * @param maxRows a file with more data rows is refused; 0: as many as the heap holds
 * @param fallback with {@code encoding = "auto"}: the character set of a file that is not valid
 *     UTF-8 ({@code fallback_encoding}); null when the encoding is fixed
 */
public record CsvSettings(
    char delimiter,
    String roleSeparator,
    Charset encoding,
    Map<String, List<String>> columns,
    long maxFileMb,
    int maxRows,
    Charset fallback) {
  public CsvSettings {
    Objects.requireNonNull(roleSeparator, "roleSeparator");
    Objects.requireNonNull(encoding, "encoding");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    columns.forEach((column, aliases) -> copy.put(column, List.copyOf(aliases)));
    columns = Collections.unmodifiableMap(copy);
  }

  /** How the guardrails name this encoding: the charset, or "auto" (decided per file). */
  public String encodingName() {
    return fallback == null ? encoding.name() : "auto";
  }
}
