package org.titansync.roster;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How an export was read, as the header check compares it with the last accepted file's: its kind,
 * its version, and where each of the six fields came from.
 *
 * @param kind the six-column CSV, OneRoster or SDS
 * @param version {@code 1.1} or {@code 1.2} for OneRoster, {@code 2.1} for SDS; null for the CSV
 * @param mapping for a package, one line per field saying which columns fed it ({@code email:
 *     users.csv email, else username}) and the settings that decide who is read; empty for the CSV,
 *     whose columns the header check compares by name
 */
public record ExportFormat(Kind kind, String version, List<String> mapping) {

  /** The kinds of export titan-sync reads. */
  public enum Kind {
    /** The six-column staff CSV of docs/csv-format.md. */
    CSV("CSV"),
    /** A 1EdTech OneRoster 1.1 or 1.2 CSV package. */
    ONEROSTER("OneRoster"),
    /** A Microsoft School Data Sync v2.1 CSV package. */
    SDS("SDS");

    private final String shown;

    Kind(String shown) {
      this.shown = shown;
    }

    /** As config and records write it: {@code csv}, {@code oneroster}, {@code sds}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** As messages write it: {@code OneRoster}. */
    public String shown() {
      return shown;
    }
  }

  public ExportFormat {
    Objects.requireNonNull(kind, "kind");
    mapping = List.copyOf(mapping);
  }

  public static ExportFormat csv() {
    return new ExportFormat(Kind.CSV, null, List.of());
  }

  /** {@code CSV}, {@code OneRoster 1.2}, {@code SDS 2.1}. */
  public String describe() {
    return version == null ? kind.shown() : kind.shown() + " " + version;
  }
}
