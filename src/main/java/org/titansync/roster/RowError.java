package org.titansync.roster;

/**
 * One problem found in the export, named by its physical line (1 = header line) and column.
 *
 * @param line the line in the file where the row starts; 0 for problems of the whole file
 * @param field the canonical column name (e.g. {@code email}), or null when no single field is at
 *     fault
 * @param externalId the row's external_id when it had one, else null
 * @param message what is wrong, in words an administrator can act on
 * @param name the person's first and last name as the row writes them, when it has them, else null:
 *     the reports name the person, not only the line
 * @param email the row's email as written, when it has one, else null
 */
public record RowError(
    int line, String field, String externalId, String message, String name, String email) {
  /** The words of a row error whose value reads as UTF-8 decoded as windows-1252. */
  public static final String MIS_DECODED = "looks mis-decoded";

  /** An error of a row that names nobody (or of the whole file). */
  public RowError(int line, String field, String externalId, String message) {
    this(line, field, externalId, message, null, null);
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
        full.isEmpty() ? null : full,
        rowEmail == null || rowEmail.isBlank() ? null : rowEmail);
  }
}
