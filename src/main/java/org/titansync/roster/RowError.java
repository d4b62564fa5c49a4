package org.titansync.roster;

/**
 * One problem found in the export, named by its physical line (1 = header line) and column.
 *
 * @param line the line in the file where the row starts; 0 for problems of the whole file
 * @param field the canonical column name (e.g. {@code email}), or null when no single field is at
 *     fault
 * @param externalId the row's external_id when it had one, else null
 * @param message what is wrong, in words an administrator can act on
 */
public record RowError(int line, String field, String externalId, String message) {}
