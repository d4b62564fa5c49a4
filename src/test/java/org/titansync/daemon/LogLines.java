package org.titansync.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.titansync.logging.TextLogLayout;

/** Every log event of titan-sync while open, raw and as the text layout writes it. */
final class LogLines implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("org.titansync");
  private final Level level = logger.getLevel();

  static LogLines start() {
    LogLines l = new LogLines();
    l.appender.start();
    l.logger.setLevel(Level.INFO);
    l.logger.addAppender(l.appender);
    return l;
  }

  String text() {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      b.append(e.getFormattedMessage()).append('\n');
    }
    return b.toString();
  }

  String layout() {
    TextLogLayout layout = new TextLogLayout();
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      b.append(layout.doLayout(e));
    }
    return b.toString();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
    appender.stop();
  }
}
