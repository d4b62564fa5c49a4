package org.titansync.mail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything titan-sync, Camel and JavaMail log while it is open, at DEBUG, kept in memory (and
 * kept off the console), so a test can search it for what must never be logged.
 */
public final class CapturedLogs implements AutoCloseable {
  private static final List<String> NAMES =
      List.of("org.titansync", "org.apache.camel", "jakarta.mail", "org.eclipse.angus");

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();

  private CapturedLogs() {
    appender.start();
    for (String name : NAMES) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      loggers.add(logger);
      levels.add(logger.getLevel());
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(appender);
    }
  }

  public static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** Every line logged so far, with the stack traces. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      b.append(e.getLevel()).append(' ').append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        b.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return b.toString();
  }

  /** The stack traces logged with WARN and ERROR lines: they belong at DEBUG. */
  public List<String> warningStacks() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      if (e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null) {
        out.add(
            e.getFormattedMessage() + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    return out;
  }

  /** The WARN and ERROR lines only. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
        out.add(e.getFormattedMessage());
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      Logger logger = loggers.get(i);
      logger.detachAppender(appender);
      logger.setAdditive(true);
      logger.setLevel(levels.get(i));
    }
    appender.stop();
  }
}
