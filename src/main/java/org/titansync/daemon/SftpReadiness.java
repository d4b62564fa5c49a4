package org.titansync.daemon;

import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.titansync.sftp.SftpStatus;

/**
 * Readiness of the SFTP source: DOWN after {@code sftp.down_after_failures} failed polls in a row
 * (host key, login, connection, listing, download), at once after an Error, and while a file on the
 * server cannot be taken (its move refused, or larger than max_file_mb); the message names the
 * cause or the files.
 */
public final class SftpReadiness extends AbstractHealthCheck {
  private final SftpStatus status;

  public SftpReadiness(SftpStatus status) {
    super("titan-sync", "sftp");
    this.status = status;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    long last = status.lastGoodPoll();
    builder.detail("sftp.last_good_poll", last == 0 ? "none yet" : Instant.ofEpochSecond(last));
    String problem = status.problem();
    if (problem == null) {
      builder.up();
    } else {
      builder.message(problem).down();
    }
  }
}
