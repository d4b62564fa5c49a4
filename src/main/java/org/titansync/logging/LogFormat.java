package org.titansync.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;

/**
 * Applies {@code [logging]} to logback: {@code format = "json"} switches to one JSON object per
 * line (logback-json.xml, for log shippers), and {@code level} sets how much titan-sync says. Both
 * formats write to stderr and carry the run id of every line written for a run.
 */
public final class LogFormat {
  private LogFormat() {}

  public static void apply(SyncConfig.Logging logging) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return; // another SLF4J binding: its own configuration applies
    }
    if ("json".equals(logging.format())) {
      URL json = LogFormat.class.getResource("/logback-json.xml");
      if (json != null) {
        try {
          JoranConfigurator configurator = new JoranConfigurator();
          configurator.setContext(context);
          context.reset();
          configurator.doConfigure(json);
        } catch (JoranException e) {
          throw new IllegalStateException("cannot read logback-json.xml", e);
        }
      }
    }
    context.getLogger("org.titansync").setLevel(Level.toLevel(logging.level(), Level.INFO));
  }
}
