package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a staff export ({@code external_id, first_name, last_name, email, site_name, role_names},
 * one row per person and site) into a {@link Roster}. The rules are written out in
 * docs/csv-format.md.
 *
 * <p>A problem with one row skips that row and is recorded as a {@link RowError}; a problem with
 * the whole file (empty, header only, missing column, broken quoting, wrong encoding) refuses the
 * file with a {@link RosterException}, so that a broken export can never remove anyone.
 *
 * <p>The input is streamed: memory grows with the number of people, not with the file's size. The
 * reader opens no file itself: the shell hands it an {@link ExportSource}, or decoded text.
 */
public final class RosterReader {
  private static final String EMPTY_FILE = "file is empty";
  private static final String HEADER_ONLY =
      "header only: no data rows; refusing so that an empty export can never remove anyone";

  private final RosterOptions options;
  private final Map<String, String> acceptedNames;
  private final RoleSplitter roles;
  private final ReadCaps caps;

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
    this.roles = new RoleSplitter(options.roleSeparator());
    this.acceptedNames = ColumnLayout.acceptedNames(options.columnAliases());
    this.caps = new ReadCaps(options);
  }

  /**
   * Reads an export in the configured encoding; messages name {@link ExportSource#name()}. An
   * export larger than {@link RosterOptions#maxFileBytes()} is refused before it is read.
   */
  public Roster read(ExportSource source) throws RosterException, IOException {
    if (options.fallback() == null) {
      return readAs(source, false);
    }
    // encoding = "auto": strict UTF-8 first (a BOM or none); a file that is not valid UTF-8 is
    // read again, whole, with the fallback, so every row of one file is decoded the same way.
    try {
      return readAs(source, true);
    } catch (NotThisEncoding e) {
      return new RosterReader(options.fixed(options.fallback())).read(source);
    }
  }

  /** The file is not valid in the first encoding tried; another may read it. */
  private static final class NotThisEncoding extends IOException {
    private static final long serialVersionUID = 1L;

    NotThisEncoding() {
      super("not valid in the first encoding tried");
    }
  }

  private Roster readAs(ExportSource source, boolean otherToTry)
      throws RosterException, IOException {
    try (SeekableByteChannel channel = source.open()) {
      caps.checkSize(source.name(), channel.size());
      try (InputStream bytes = Channels.newInputStream(channel);
          Reader chars = new StrictDecodingReader(bytes, options.encoding())) {
        CsvRecordReader csv = new CsvRecordReader(chars, options.delimiter());
        try {
          return read(csv, source.name()).decodedAs(options.encoding().name());
        } catch (CsvRecordReader.UnterminatedQuoteException e) {
          throw unterminated(source.name(), e, null);
        } catch (UndecodableBytesException e) {
          if (otherToTry) {
            throw new NotThisEncoding();
          }
          // Every character before the bad bytes has been read, so the reader stands on them.
          throw EncodingAdvice.undecodable(source, options.encoding(), e, csv.line(), csv.column());
        }
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

  private Roster read(CsvRecordReader csv, String fileName)
      throws RosterException, IOException, CsvRecordReader.UnterminatedQuoteException {
    if (!nextNonBlank(csv)) {
      throw new RosterException(fileName, 0, null, EMPTY_FILE);
    }
    LonePackageFile.check(csv.fields(), fileName, csv.recordLine());
    ColumnLayout layout =
        ColumnLayout.match(
            new ArrayList<>(csv.fields()),
            acceptedNames,
            options.delimiter(),
            fileName,
            csv.recordLine());
    PersonMerger merger = new PersonMerger();
    RowMapper rows = new RowMapper(options.delimiter(), roles, layout, merger, fileName);
    int maxRows = caps.maxRows();
    int dataRows = 0;
    try {
      while (nextNonBlank(csv)) {
        if (dataRows == maxRows) {
          throw caps.tooManyRows(fileName, csv.recordLine(), maxRows);
        }
        dataRows++;
        rows.map(csv);
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

  /** Skips records that are blank or hold only empty fields; they are not rows. */
  private static boolean nextNonBlank(CsvRecordReader csv)
      throws IOException, CsvRecordReader.UnterminatedQuoteException {
    while (csv.next()) {
      for (String field : csv.fields()) {
        if (!CellText.trim(field).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }
}
