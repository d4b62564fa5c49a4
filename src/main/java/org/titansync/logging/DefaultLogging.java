package org.titansync.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The logging every command starts with, set up in code (logback finds it through {@code
 * META-INF/services}): text lines on stderr, each with its run id; titan-sync at {@code
 * TITAN_SYNC_LOG_LEVEL} (default WARN, so that stdout and stderr stay quiet for a one-shot run),
 * Camel at WARN ({@link TextLogLayout}). Reading an XML file instead costs a quarter of a second of
 * start-up. An operator's own {@code -Dlogback.configurationFile} (or a {@code logback-test.xml})
 * still wins: then this steps aside. The daemon adds {@code [logging]} on top ({@link LogFormat}).
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || DefaultLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    TextLogLayout layout = new TextLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("org.apache.camel").setLevel(Level.WARN);
    // camel-master's start-up task says "does not have more budget" once leadership is taken.
    context.getLogger("org.apache.camel.support.task.BackgroundTask").setLevel(Level.ERROR);
    context.getLogger("org.titansync").setLevel(Level.toLevel(level(), Level.WARN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static String level() {
    String level = System.getProperty("TITAN_SYNC_LOG_LEVEL");
    return level != null ? level : System.getenv("TITAN_SYNC_LOG_LEVEL");
  }
}
