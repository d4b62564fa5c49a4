package org.titansync.store;

import java.util.List;
import org.titansync.guard.FileFormat;

/**
 * The last file whose plan was accepted (applied, or approved): what the guardrails compare a new
 * file against.
 *
 * @param format how it was read; null in a record an older titan-sync wrote (unknown: the format is
 *     then not compared, so an upgrade holds nothing)
 */
public record LastAccepted(
    String runId,
    String file,
    int dataRows,
    List<String> headers,
    String acceptedAt,
    FileFormat format) {}
