package org.titansync.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.titansync.run.ShownName;

/**
 * The text log line, {@code 12:00:01.234 INFO [run-id] o.t.run.SyncJob: message} ({@code [north
 * run-id]} for a district's run of {@code run --districts}), and the stack trace of an exception,
 * if any: what the pattern {@code %d{HH:mm:ss.SSS} %-5level [%X{run_id:-}] %logger{20}: %msg%n}
 * gives, written out because logback's pattern layout costs a tenth of a second at every start (it
 * spins a class per converter it knows).
 */
public final class TextLogLayout extends LayoutBase<ILoggingEvent> {
  private static final int LOGGER_LENGTH = 20;

  private final ZoneId zone = ZoneId.systemDefault();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone);
    two(line, time.getHour()).append(':');
    two(line, time.getMinute()).append(':');
    two(line, time.getSecond()).append('.');
    int millis = time.getNano() / 1_000_000;
    line.append((char) ('0' + millis / 100));
    two(line, millis % 100);
    String level = event.getLevel().toString();
    line.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    String runId = event.getMDCPropertyMap().get(RunIdLogging.KEY);
    String district = event.getMDCPropertyMap().get(RunIdLogging.DISTRICT);
    line.append(" [");
    if (district != null) {
      line.append(district).append(runId == null ? "" : " ");
    }
    line.append(runId == null ? "" : runId).append("] ");
    line.append(abbreviate(event.getLoggerName())).append(": ");
    // One event, one line: a line break in a value (a file name, say) must not forge another.
    line.append(ShownName.escape(String.valueOf(event.getFormattedMessage())))
        .append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return line.toString();
  }

  private static StringBuilder two(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /**
   * Like {@code %logger{20}}: package names shortened to their first letter, from the left, until
   * the name fits in 20 characters; the class name is always kept whole.
   */
  static String abbreviate(String name) {
    if (name == null || name.length() <= LOGGER_LENGTH) {
      return name;
    }
    String[] parts = name.split("\\.", -1);
    int length = name.length();
    StringBuilder out = new StringBuilder(LOGGER_LENGTH + 10);
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      if (length > LOGGER_LENGTH && part.length() > 1) {
        length -= part.length() - 1;
        out.append(part.charAt(0));
      } else {
        out.append(part);
      }
      out.append('.');
    }
    return out.append(parts[parts.length - 1]).toString();
  }
}
