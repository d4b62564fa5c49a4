package org.titansync.roster;

/**
 * One problem found in the export, named by its physical line (1 = header line) and column.
 *
 * @param line the line in the file where the row starts; 0 for problems of the whole file
 * @param field the canonical column name (e.g. {@code email}), or null when no single field is at
 *     fault; for OneRoster and SDS, the column of their file (e.g. {@code role})
 * @param externalId the row's external_id when it had one, else null
 * @param message what is wrong, in words an administrator can act on
 * @param source the file the line is in when it is not the export itself (a file of a OneRoster or
 *     SDS package, such as {@code export.zip!roles.csv}); null for the six-column CSV
 * @param name the person's first and last name as the row writes them, when it has them, else null:
 *     the reports name the person, not only the line
 * @param email the row's email as written, when it has one, else null
 */
public record RowError(
    int line,
    String field,
    String externalId,
    String message,
    String source,
    String name,
    String email) {
  /** The words of a row error whose value reads as UTF-8 decoded as windows-1252. */
  public static final String MIS_DECODED = "looks mis-decoded";

  /** A problem of the six-column CSV itself. */
  public RowError(int line, String field, String externalId, String message) {
    this(line, field, externalId, message, null, null, null);
  }

  /** A problem of a line of {@code source}, a file of a package (null for the CSV itself). */
  public RowError(int line, String field, String externalId, String message, String source) {
    this(line, field, externalId, message, source, null, null);
  }

  /** A problem of a row of the six-column CSV that names its person. */
  public RowError(
      int line, String field, String externalId, String message, String name, String email) {
    this(line, field, externalId, message, null, name, email);
  }

  /** The same error with the row's person named, blanks left out. */
  public RowError naming(String firstName, String lastName, String rowEmail) {
    String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName));
    full = full.strip();
    return new RowError(
        line,
        field,
        externalId,
        message,
        source,
        full.isEmpty() ? null : full,
        rowEmail == null || rowEmail.isBlank() ? null : rowEmail);
  }

  /**
   * Where the problem is, as reports show it: {@code line 7}, or {@code export.zip!roles.csv:7} for
   * a file of a package.
   */
  public String position() {
    return Positions.of(source, line);
  }

  /**
   * Where the problem is in a message that names the input: {@code export.csv:7}, or {@code
   * export.zip!roles.csv:7} for a file of a package.
   */
  public String position(String input) {
    return (source == null ? input : source) + ":" + line;
  }
}
