package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a staff export ({@code external_id, first_name, last_name, email, site_name, role_names},
 * one row per person and site) into a {@link Roster}. The rules are written out in
 * docs/csv-format.md.
 *
 * <p>A problem with one row skips that row and is recorded as a {@link RowError}; a problem with
 * the whole file (empty, header only, missing column, broken quoting, wrong encoding) refuses the
 * file with a {@link RosterException}, so that a broken export can never remove anyone.
 *
 * <p>The input is streamed: memory grows with the number of people, not with the file's size.
 */
public final class RosterReader {
  private static final String EMPTY_FILE = "file is empty";
  private static final String HEADER_ONLY =
      "header only: no data rows; refusing so that an empty export can never remove anyone";

  private final RosterOptions options;
  private final Map<String, String> acceptedNames;
  private final Function<String, List<String>> roleSplitter = this::splitRoles;

  /**
   * @throws IllegalArgumentException when the delimiter is a quote or line break, the role
   *     separator is empty, or a column alias names an unknown column or two columns at once
   */
  public RosterReader(RosterOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    Objects.requireNonNull(options.encoding(), "encoding");
    char delimiter = options.delimiter();
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw new IllegalArgumentException(
          "the delimiter cannot be a quote or a line break: " + RowChecks.quote("" + delimiter));
    }
    if (options.roleSeparator() == null || options.roleSeparator().isEmpty()) {
      throw new IllegalArgumentException("the role separator cannot be empty");
    }
    this.acceptedNames = ColumnLayout.acceptedNames(options.columnAliases());
  }

  /** Reads a file in the configured encoding; messages name {@code file.toString()}. */
  public Roster read(Path file) throws RosterException, IOException {
    CharsetDecoder decoder =
        options
            .encoding()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream bytes = Files.newInputStream(file);
        Reader chars = new InputStreamReader(bytes, decoder)) {
      return read(chars, file.toString());
    }
  }

  /**
   * Reads already decoded text; the reader is not closed.
   *
   * @param fileName how messages name the input
   */
  public Roster read(Reader in, String fileName) throws RosterException, IOException {
    CsvRecordReader csv = new CsvRecordReader(in, options.delimiter());
    try {
      return read(csv, fileName);
    } catch (CsvRecordReader.UnterminatedQuoteException e) {
      throw new RosterException(
          fileName, e.line(), null, "unterminated quoted field starting on line " + e.line());
    } catch (CharacterCodingException e) {
      throw new RosterException(
          fileName,
          csv.line(),
          null,
          "cannot decode the file as "
              + options.encoding().name()
              + " (bad bytes at or after line "
              + csv.line()
              + "); set [csv] encoding to the export's character set, e.g. \"ISO-8859-1\"");
    }
  }

  private Roster read(CsvRecordReader csv, String fileName)
      throws RosterException, IOException, CsvRecordReader.UnterminatedQuoteException {
    if (!nextNonBlank(csv)) {
      throw new RosterException(fileName, 0, null, EMPTY_FILE);
    }
    ColumnLayout layout =
        ColumnLayout.match(
            new ArrayList<>(csv.fields()), acceptedNames, fileName, csv.recordLine());
    PersonMerger merger = new PersonMerger();
    ValuePool pool = new ValuePool();
    int dataRows = 0;
    try {
      while (nextNonBlank(csv)) {
        dataRows++;
        readRow(csv, layout, merger, pool);
      }
    } catch (CsvRecordReader.UnterminatedQuoteException e) {
      throw new RosterException(
          fileName,
          e.line(),
          layout.fieldName(e.fieldIndex()),
          "unterminated quoted field starting on line " + e.line());
    }
    if (dataRows == 0) {
      throw new RosterException(fileName, 0, null, HEADER_ONLY);
    }
    return merger.toRoster(layout.headers(), dataRows);
  }

  private void readRow(
      CsvRecordReader csv, ColumnLayout layout, PersonMerger merger, ValuePool pool) {
    List<String> fields = csv.fields();
    int line = csv.recordLine();
    if (fields.size() != layout.width()) {
      rejectMisshapen(csv, layout, merger);
      return;
    }
    String rawRoles = clean(fields.get(layout.position(ColumnLayout.ROLE_NAMES)));
    RosterRow row =
        new RosterRow(
            line,
            clean(fields.get(layout.position(ColumnLayout.EXTERNAL_ID))),
            clean(fields.get(layout.position(ColumnLayout.FIRST_NAME))),
            clean(fields.get(layout.position(ColumnLayout.LAST_NAME))),
            clean(fields.get(layout.position(ColumnLayout.EMAIL))),
            pool.site(clean(fields.get(layout.position(ColumnLayout.SITE_NAME)))),
            pool.roles(rawRoles, roleSplitter));
    if (csv.malformedField() >= 0) {
      String field = layout.fieldName(csv.malformedField());
      merger.reject(
          new RowError(
              line,
              field,
              RowChecks.externalIdOrNull(row),
              "text after the closing quote in column "
                  + RowChecks.quote(layout.headers().get(csv.malformedField()))
                  + "; a quote inside a quoted value must be doubled (\"\")"),
          row.externalId(),
          List.of(row.email()));
      return;
    }
    var problem = RowChecks.firstProblem(row, rawRoles);
    if (problem.isPresent()) {
      merger.reject(problem.get(), row.externalId(), List.of(row.email()));
      return;
    }
    merger.add(row);
  }

  /**
   * A row with the wrong number of fields cannot be mapped safely; still, taint whatever id and
   * emails it seems to hold, so that the person it meant is protected from removal.
   */
  private void rejectMisshapen(CsvRecordReader csv, ColumnLayout layout, PersonMerger merger) {
    List<String> fields = csv.fields();
    int idPosition = layout.position(ColumnLayout.EXTERNAL_ID);
    String externalId = idPosition < fields.size() ? clean(fields.get(idPosition)) : "";
    List<String> values = new ArrayList<>(fields.size());
    for (String field : fields) {
      values.add(clean(field));
    }
    String message =
        "expected " + layout.width() + " fields as in the header, found " + fields.size();
    if (fields.size() > layout.width()) {
      message += "; a value containing " + delimiterName() + " must be quoted";
    }
    merger.reject(
        new RowError(csv.recordLine(), null, externalId.isEmpty() ? null : externalId, message),
        externalId,
        values);
  }

  private String delimiterName() {
    char d = options.delimiter();
    return d == '\t' ? "a tab" : "\"" + d + "\"";
  }

  /** Splits role_names, dropping empties and case-insensitive duplicates, keeping file order. */
  private List<String> splitRoles(String raw) {
    String separator = options.roleSeparator();
    if (raw.isEmpty()) {
      return List.of();
    }
    if (!raw.contains(separator)) {
      return List.of(raw); // the common case: one role, already trimmed
    }
    List<String> roles = new ArrayList<>(4);
    int start = 0;
    while (start <= raw.length()) {
      int end = raw.indexOf(separator, start);
      if (end < 0) {
        end = raw.length();
      }
      String role = trim(raw.substring(start, end));
      if (!role.isEmpty() && !containsIgnoreCase(roles, role)) {
        roles.add(role);
      }
      start = end + separator.length();
    }
    return List.copyOf(roles);
  }

  static boolean containsIgnoreCase(List<String> values, String value) {
    for (String v : values) {
      if (v.equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  /** Skips records that are blank or hold only empty fields; they are not rows. */
  private static boolean nextNonBlank(CsvRecordReader csv)
      throws IOException, CsvRecordReader.UnterminatedQuoteException {
    while (csv.next()) {
      for (String field : csv.fields()) {
        if (!trim(field).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Trimmed and NFC-normalized, so that the same name typed on two systems compares equal. */
  static String clean(String value) {
    String trimmed = trim(value);
    for (int i = 0; i < trimmed.length(); i++) {
      // Below U+0300 nothing combines, so most values skip the normalizer's allocation.
      if (trimmed.charAt(i) >= '\u0300') {
        return Normalizer.normalize(trimmed, Normalizer.Form.NFC);
      }
    }
    return trimmed;
  }

  /** Like {@link String#strip()}, but also drops no-break spaces, which spreadsheets leave. */
  private static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isBlank(value.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
