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

  /** [csv] max_file_mb in bytes: also the cap of each file of a package, unpacked. */
  long maxFileBytes() {
    return options.maxFileBytes();
  }

  /** How messages name the per-file cap. */
  String maxFileName() {
    return "[csv] max_file_mb = " + megabytes(options.maxFileBytes());
  }

  /**
   * Refuses a file of a package, before a byte of it is read, whose listed size is past the
   * per-file cap or what is left of the package's budget.
   */
  void checkUnpacked(String position, long size, ZipEntryStream.Budget budget)
      throws RosterException {
    if (size > options.maxFileBytes()) {
      throw new RosterException(
          position,
          0,
          null,
          "unpacks to "
              + size
              + " bytes, more than "
              + maxFileName()
              + "; refusing it before reading it (a zip bomb, or an export bigger than the cap"
              + " allows)");
    }
    if (size > budget.left()) {
      throw new RosterException(
          position,
          0,
          null,
          "the package unpacks to more than "
              + budget.what()
              + "; refusing it before reading it (a zip bomb, or an export bigger than the cap"
              + " allows)");
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
