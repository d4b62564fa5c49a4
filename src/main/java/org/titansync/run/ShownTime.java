package org.titansync.run;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as people read them: in the machine's time zone, to the second, with the zone named ({@code
 * 2026-11-26 17:36:21 Europe/Paris}), never a UTC stamp with nanoseconds.
 */
public final class ShownTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private ShownTime() {}

  /** The zone times are shown in, by name: "Europe/Paris", "UTC". */
  public static String zoneName(ZoneId zone) {
    String id = zone.normalized().getId();
    return id.equals("Z") || id.equals("Etc/UTC") || id.equals("UTC") || id.equals("GMT")
        ? "UTC"
        : zone.getId();
  }

  /** An instant in {@code zone}, with the zone named. */
  public static String of(Instant instant, ZoneId zone) {
    return FORMAT.format(instant.atZone(zone)) + " " + zoneName(zone);
  }

  /** A time as the run's files write it (ISO 8601, any offset), in the machine's zone. */
  public static String of(String iso) {
    return of(iso, ZoneId.systemDefault());
  }

  /** A time as the run's files write it, in {@code zone}; the text itself when it is no time. */
  public static String of(String iso, ZoneId zone) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    try {
      return of(OffsetDateTime.parse(iso).toInstant(), zone);
    } catch (DateTimeException e) {
      try {
        return of(Instant.parse(iso), zone);
      } catch (DateTimeException again) {
        return iso;
      }
    }
  }
}
