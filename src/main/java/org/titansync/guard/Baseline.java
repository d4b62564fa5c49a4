package org.titansync.guard;

import java.util.List;

/**
 * The last accepted file: what a new file's size and header are compared with.
 *
 * @param runId the run that accepted it
 * @param dataRows its data rows
 * @param headers its header names as written
 */
public record Baseline(String runId, int dataRows, List<String> headers) {
  public Baseline {
    headers = List.copyOf(headers);
  }
}
