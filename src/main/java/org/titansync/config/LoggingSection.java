package org.titansync.config;

import java.util.List;
import java.util.Locale;
import org.titansync.config.SyncConfig.Logging;

/** Reads {@code [logging]}: the daemon's log format and level. */
final class LoggingSection {
  static final List<String> LOG_FORMATS = List.of("text", "json");
  static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private LoggingSection() {}

  static Logging read(ConfigReader reader) {
    String format = reader.string("logging", "format", "text").strip().toLowerCase(Locale.ROOT);
    if (!LOG_FORMATS.contains(format)) {
      reader.problem(List.of("logging", "format"), ConfigReader.notOneOf(format, LOG_FORMATS));
      format = "text";
    }
    String level = reader.string("logging", "level", "INFO").strip().toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      reader.problem(List.of("logging", "level"), ConfigReader.notOneOf(level, LOG_LEVELS));
      level = "INFO";
    }
    return new Logging(format, level);
  }
}
