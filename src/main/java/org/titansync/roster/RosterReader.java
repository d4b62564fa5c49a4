package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
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

  /**
   * Reads a file in the configured encoding; messages name {@code file.toString()}. A file larger
   * than {@link RosterOptions#maxFileBytes()} is refused before it is opened.
   */
  public Roster read(Path file) throws RosterException, IOException {
    try (SeekableByteChannel channel = open(file)) {
      return read(file, channel);
    }
  }

  /**
   * Opens the export for reading without following a link ({@code NOFOLLOW_LINKS}): a file swapped
   * for a link after it was looked at, or a link given by hand, is refused naming the link itself,
   * never its target.
   */
  public static SeekableByteChannel open(Path file) throws RosterException, IOException {
    try {
      return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new RosterException(
            file.toString(),
            0,
            null,
            "is a symbolic link: titan-sync never follows a link; give the path of the export"
                + " itself");
      }
      throw e;
    }
  }

  private Roster read(Path file, SeekableByteChannel channel) throws RosterException, IOException {
    long size = channel.size();
    if (size > options.maxFileBytes()) {
      throw new RosterException(
          file.toString(),
          0,
          null,
          "the file is "
              + size
              + " bytes, more than [csv] max_file_mb = "
              + megabytes(options.maxFileBytes())
              + "; refusing it before reading it (raise max_file_mb if a staff export really is"
              + " this big)");
    }
    try (InputStream bytes = Channels.newInputStream(channel);
        Reader chars = new StrictDecodingReader(bytes, options.encoding())) {
      CsvRecordReader csv = new CsvRecordReader(chars, options.delimiter());
      try {
        return read(csv, file.toString());
      } catch (CsvRecordReader.UnterminatedQuoteException e) {
        throw unterminated(file.toString(), e, null);
      } catch (UndecodableBytesException e) {
        // Every character before the bad bytes has been read, so the reader stands on them.
        throw undecodable(file, e, csv.line(), csv.column());
      }
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
      throw unterminated(fileName, e, null);
    } catch (CharacterCodingException e) {
      throw new RosterException(
          fileName,
          csv.line(),
          null,
          "cannot decode the file as "
              + options.encoding().name()
              + " (bad bytes at or after line "
              + csv.line()
              + ")");
    }
  }

  /**
   * The message for bytes that are not valid in the configured encoding. It advises another
   * encoding only when the whole file reads cleanly in it and does not then look mis-decoded: a
   * UTF-8 export with one stray windows-1252 byte must not be read as windows-1252, which would
   * turn every other accented name into mojibake.
   */
  private RosterException undecodable(Path file, UndecodableBytesException e, int line, long column)
      throws IOException {
    Charset configured = options.encoding();
    Charset other =
        configured.equals(StandardCharsets.UTF_8) ? WINDOWS_1252 : StandardCharsets.UTF_8;
    String found =
        "cannot decode the bytes "
            + e.hex()
            + " at line "
            + line
            + ", column "
            + column
            + " (byte offset "
            + e.offset()
            + ") as "
            + configured.name();
    String advice;
    Alternative alternative = readAs(file, other);
    if (alternative.bad != null) {
      advice =
          "the file does not read cleanly as "
              + other.name()
              + " either, so changing [csv] encoding would not help: correct this character in"
              + " the SIS, or export the file again as "
              + configured.name();
    } else if (alternative.mojibake != null) {
      advice =
          "reading the file as "
              + other.name()
              + " would turn other names into mis-decoded text such as "
              + RowChecks.quote(alternative.mojibake)
              + ", so keep [csv] encoding: correct this character in the SIS, or export the"
              + " file again as "
              + configured.name();
    } else {
      advice =
          "the whole file reads cleanly as "
              + other.name()
              + ": set [csv] encoding = \""
              + other.name()
              + "\"";
    }
    return new RosterException(file.toString(), line, null, found + "; " + advice);
  }

  /** How the whole file reads in another charset: its first bad bytes, or first mojibake. */
  private record Alternative(UndecodableBytesException bad, String mojibake) {}

  private static Alternative readAs(Path file, Charset charset) throws IOException {
    char[] buffer = new char[8192];
    StringBuilder window = new StringBuilder(buffer.length + 1);
    try (Reader in =
        new StrictDecodingReader(
            Channels.newInputStream(
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)),
            charset)) {
      int n;
      while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
        // Keep the last character of the previous chunk: a sign may straddle two chunks.
        window.delete(0, Math.max(0, window.length() - 1)).append(buffer, 0, n);
        String sign = Mojibake.find(window);
        if (sign != null) {
          return new Alternative(null, sign);
        }
      }
    } catch (UndecodableBytesException e) {
      return new Alternative(e, null);
    }
    return new Alternative(null, null);
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
    int maxRows =
        options.maxRows() > 0
            ? options.maxRows()
            : RosterOptions.heapRowLimit(Runtime.getRuntime().maxMemory());
    int dataRows = 0;
    try {
      while (nextNonBlank(csv)) {
        if (dataRows == maxRows) {
          throw new RosterException(fileName, csv.recordLine(), null, tooManyRows(maxRows));
        }
        dataRows++;
        readRow(csv, layout, merger, pool, fileName);
      }
    } catch (CsvRecordReader.UnterminatedQuoteException e) {
      throw unterminated(fileName, e, layout.fieldName(e.fieldIndex()));
    }
    if (dataRows == 0) {
      throw new RosterException(fileName, 0, null, HEADER_ONLY);
    }
    return merger.toRoster(layout.headers(), dataRows);
  }

  private static RosterException unterminated(
      String fileName, CsvRecordReader.UnterminatedQuoteException e, String field) {
    return new RosterException(
        fileName,
        e.line(),
        field,
        "unterminated quoted field starting on line "
            + e.line()
            + (e.lastLine() > e.line()
                ? " and running to the end of the file (line " + e.lastLine() + ")"
                : "")
            + "; nothing after it can be trusted");
  }

  /**
   * Refuses the whole file when a quoted field that spans lines then breaks: the record has the
   * wrong number of fields, text follows the closing quote, or the field holds as many delimiters
   * as a whole row. That is what a stray quote looks like after it swallowed the rows below it;
   * skipping one bad row there would plan everyone on the swallowed lines as a leaver. A genuine
   * multi-line value (an address, a site name over two lines) passes all three.
   */
  private void checkMultiLineFields(CsvRecordReader csv, ColumnLayout layout, String fileName)
      throws RosterException {
    for (CsvRecordReader.MultiLineField spanning : csv.multiLineFields()) {
      String why = null;
      if (csv.fields().size() != layout.width()) {
        why =
            "the row it is in then has "
                + csv.fields().size()
                + " fields where the header has "
                + layout.width();
      } else if (csv.malformedField() >= 0) {
        why = "text follows a closing quote in that row";
      } else if (spanning.delimitersAfterBreak() >= layout.width() - 1) {
        why =
            "its text holds whole rows ("
                + spanning.delimitersAfterBreak()
                + " "
                + delimiterName()
                + " after its first line break)";
      }
      if (why != null) {
        int last = Math.max(spanning.lastLine(), csv.line() - 1);
        throw new RosterException(
            fileName,
            spanning.firstLine(),
            layout.fieldName(spanning.index()),
            "a quoted field runs from line "
                + spanning.firstLine()
                + " to line "
                + spanning.lastLine()
                + " and "
                + why
                + "; a stray quote (\") most likely swallowed lines "
                + spanning.firstLine()
                + " to "
                + last
                + ", so the whole file is refused and nobody on them is removed");
      }
    }
  }

  private String tooManyRows(int maxRows) {
    if (options.maxRows() > 0) {
      return "more than [csv] max_rows = "
          + maxRows
          + " data rows; refusing the file before it fills the memory (raise max_rows if"
          + " the export really holds this many rows)";
    }
    return "more than "
        + maxRows
        + " data rows, the most a run holds in this Java heap ("
        + megabytes(Runtime.getRuntime().maxMemory())
        + " MB, about "
        + RosterOptions.HEAP_BYTES_PER_ROW
        + " bytes a row); refusing the file before it fills the memory: give Java more memory"
        + " (-Xmx, see docs/operations.md) or set [csv] max_rows";
  }

  private static long megabytes(long bytes) {
    return (bytes + 1024L * 1024L - 1) / (1024L * 1024L);
  }

  private void readRow(
      CsvRecordReader csv,
      ColumnLayout layout,
      PersonMerger merger,
      ValuePool pool,
      String fileName)
      throws RosterException {
    if (!csv.multiLineFields().isEmpty()) {
      checkMultiLineFields(csv, layout, fileName);
    }
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
          suspectIds(fields, layout, options.delimiter()),
          suspectEmails(fields, layout, options.delimiter()));
      return;
    }
    var problem = RowChecks.firstProblem(row, rawRoles);
    if (problem.isPresent()) {
      // A stray NUL, CR or quote may sit inside the id or email: protect the value without it too.
      merger.reject(
          problem.get(),
          List.of(row.externalId(), withoutDamage(row.externalId())),
          List.of(row.email(), withoutDamage(row.email())));
      return;
    }
    merger.add(row);
  }

  /**
   * A row with the wrong number of fields cannot be mapped safely; still, taint whatever ids and
   * emails it may hold, so that the person it meant is protected from removal.
   */
  private void rejectMisshapen(CsvRecordReader csv, ColumnLayout layout, PersonMerger merger) {
    List<String> fields = csv.fields();
    int idPosition = layout.position(ColumnLayout.EXTERNAL_ID);
    String externalId = idPosition < fields.size() ? clean(fields.get(idPosition)) : "";
    String message =
        "expected " + layout.width() + " fields as in the header, found " + fields.size();
    if (fields.size() > layout.width()) {
      message += "; a value containing " + delimiterName() + " must be quoted";
    }
    merger.reject(
        new RowError(csv.recordLine(), null, externalId.isEmpty() ? null : externalId, message),
        suspectIds(fields, layout, options.delimiter()),
        suspectEmails(fields, layout, options.delimiter()));
  }

  /**
   * The values a row of broken shape may mean as its external_id: the field in the external_id
   * position and its neighbours (a missing or extra field shifts it by one), those joined in pairs
   * when the row has too many fields (an extra delimiter cut the id in two), and the pieces of the
   * id position's field (a stray quote pulled several values into it); all without quotes and
   * control characters. Protecting a value that names nobody costs nothing; the few kept per row
   * keep a file of bad rows within the memory a file of good rows takes.
   */
  private static List<String> suspectIds(List<String> fields, ColumnLayout layout, char delimiter) {
    int id = layout.position(ColumnLayout.EXTERNAL_ID);
    List<String> ids = new ArrayList<>(6);
    for (int p = Math.max(0, id - 1); p <= id + 1 && p < fields.size(); p++) {
      ids.add(withoutDamage(fields.get(p)));
      if (fields.size() > layout.width() && p + 1 < fields.size() && p <= id) {
        ids.add(withoutDamage(fields.get(p) + fields.get(p + 1)));
      }
    }
    if (id < fields.size()) {
      addPieces(withoutDamage(fields.get(id)), delimiter, ids);
    }
    return ids;
  }

  /**
   * The values a row of broken shape may mean as an email, wherever they stand: every field, pairs
   * of neighbours when the row has too many fields, and the pieces of every field; only plausible
   * emails are kept of them.
   */
  private static List<String> suspectEmails(
      List<String> fields, ColumnLayout layout, char delimiter) {
    List<String> candidates = new ArrayList<>();
    for (int p = 0; p < fields.size(); p++) {
      String value = withoutDamage(fields.get(p));
      candidates.add(value);
      addPieces(value, delimiter, candidates);
      if (fields.size() > layout.width() && p + 1 < fields.size()) {
        candidates.add(withoutDamage(fields.get(p) + fields.get(p + 1)));
      }
    }
    List<String> emails = new ArrayList<>(2);
    for (String candidate : candidates) {
      if (candidate.indexOf('@') > 0 && RowChecks.isPlausibleEmail(candidate)) {
        emails.add(candidate);
      }
    }
    return emails;
  }

  /** The parts of a value between delimiters and spaces, when it has more than one. */
  private static void addPieces(String value, char delimiter, List<String> into) {
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == delimiter || isBlank(value.charAt(i))) {
        if (i > start && (start > 0 || i < value.length())) {
          into.add(value.substring(start, i));
        }
        start = i + 1;
      }
    }
  }

  /** Trimmed and NFC, with quotes, control characters and U+FFFD dropped. */
  private static String withoutDamage(String value) {
    boolean damaged = false;
    for (int i = 0; i < value.length() && !damaged; i++) {
      char c = value.charAt(i);
      damaged = c == '"' || c == '\uFFFD' || Character.isISOControl(c);
    }
    if (!damaged) {
      return clean(value);
    }
    StringBuilder kept = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '"' && c != '\uFFFD' && !Character.isISOControl(c)) {
        kept.append(c);
      }
    }
    return clean(kept.toString());
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
