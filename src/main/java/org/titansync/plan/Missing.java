package org.titansync.plan;

import java.time.Instant;

/**
 * A person titan-sync manages who is missing from the file, as the grace period counts them ({@link
 * Grace}); kept per Titan by the shell between runs.
 *
 * @param email as Titan holds it, for the reports
 * @param since when the first run that found them missing started
 * @param sinceRun that run's id
 * @param runs runs in a row that found them missing, this one included
 */
public record Missing(String externalId, String email, Instant since, String sinceRun, int runs) {

  /** "missing since 2026-06-12 (run 20260612-020000-ab12)". */
  public String sinceWords() {
    return "missing since " + since.toString().substring(0, 10) + " (run " + sinceRun + ")";
  }
}
