package org.titansync.roster;

/**
 * The caps on one export, [csv] max_file_mb and max_rows: a file past either is refused before it
 * fills the memory.
 */
final class ReadCaps {
  private final RosterOptions options;

  ReadCaps(RosterOptions options) {
    this.options = options;
  }

  /** Refuses an export larger than max_file_mb, before a byte of it is read. */
  void checkSize(String fileName, long size) throws RosterException {
    if (size > options.maxFileBytes()) {
      throw new RosterException(
          fileName,
          0,
          null,
          "the file is "
              + size
              + " bytes, more than [csv] max_file_mb = "
              + megabytes(options.maxFileBytes())
              + "; refusing it before reading it (raise max_file_mb if a staff export really is"
              + " this big)");
    }
  }

  /** max_rows, or when that is 0 as many rows as this Java heap holds. */
  int maxRows() {
    return options.maxRows() > 0
        ? options.maxRows()
        : RosterOptions.heapRowLimit(Runtime.getRuntime().maxMemory());
  }

  /** Refuses the file at the row past {@link #maxRows()}. */
  RosterException tooManyRows(String fileName, int line, int maxRows) {
    return new RosterException(fileName, line, null, tooManyRows(maxRows));
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
}
