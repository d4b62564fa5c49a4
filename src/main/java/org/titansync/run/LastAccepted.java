package org.titansync.run;

import java.util.List;

/**
 * The last file whose plan was accepted (applied, or approved): what the guardrails compare a new
 * file against.
 */
public record LastAccepted(
    String runId, String file, int dataRows, List<String> headers, String acceptedAt) {}
