package org.titansync.guard;

import java.util.List;

/**
 * The last accepted file: what a new file's size, header and format are compared with.
 *
 * @param runId the run that accepted it
 * @param dataRows its data rows
 * @param headers its header names as written
 * @param format how it was read; null when an older titan-sync accepted it (unknown: the format is
 *     then not compared)
 */
public record Baseline(String runId, int dataRows, List<String> headers, FileFormat format) {
  public Baseline {
    headers = List.copyOf(headers);
  }

  /** A baseline whose format is unknown. */
  public Baseline(String runId, int dataRows, List<String> headers) {
    this(runId, dataRows, headers, null);
  }
}
