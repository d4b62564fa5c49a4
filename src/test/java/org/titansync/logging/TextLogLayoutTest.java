package org.titansync.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text log line is the one the documented pattern gives, stack traces included. */
class TextLogLayoutTest {
  private static final String PATTERN =
      "%d{HH:mm:ss.SSS} %-5level [%X{run_id:-}] %logger{20}: %msg%n";

  private static LoggingEvent event(
      LoggerContext context, String logger, Level level, Throwable thrown, String runId) {
    return event(
        context, logger, level, thrown, runId == null ? Map.of() : Map.of(RunIdLogging.KEY, runId));
  }

  private static LoggingEvent event(
      LoggerContext context,
      String logger,
      Level level,
      Throwable thrown,
      Map<String, String> mdc) {
    Logger log = context.getLogger(logger);
    LoggingEvent e =
        new LoggingEvent(
            "x", log, level, "run {} planned {} changes", thrown, new Object[] {"R1", 3});
    e.setTimeStamp(1_790_000_000_123L);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  @Test
  void linesMatchThePatternTheyReplace() {
    LoggerContext context = new LoggerContext();
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern(PATTERN);
    pattern.start();
    TextLogLayout text = new TextLogLayout();
    text.setContext(context);
    text.start();
    for (String logger :
        new String[] {
          "org.titansync.pipeline.SyncJob",
          "org.titansync.notify.Notifier",
          "Short",
          "org.apache.camel.support.task.BackgroundTask",
          "a.b.c.d.e.f.g.h.i.j.k.VeryLongClassNameIndeed"
        }) {
      for (Level level : new Level[] {Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG}) {
        LoggingEvent e = event(context, logger, level, null, "20261127-010203-abcd");
        assertEquals(pattern.doLayout(e), text.doLayout(e), logger + " " + level);
        LoggingEvent noRun = event(context, logger, level, null, (String) null);
        assertEquals(pattern.doLayout(noRun), text.doLayout(noRun), logger + " " + level);
      }
    }
  }

  @Test
  void aDistrictsLineNamesItsDistrictBeforeTheRun() {
    LoggerContext context = new LoggerContext();
    TextLogLayout text = new TextLogLayout();
    text.setContext(context);
    text.start();
    LoggingEvent run =
        event(
            context,
            "org.titansync.pipeline.RunEnd",
            Level.INFO,
            null,
            Map.of(RunIdLogging.KEY, "R1", RunIdLogging.DISTRICT, "north"));
    assertTrue(
        text.doLayout(run).contains(" [north R1] o.t.pipeline.RunEnd: "), text.doLayout(run));
    LoggingEvent file =
        event(
            context,
            "org.titansync.daemon.InboxIntake",
            Level.INFO,
            null,
            Map.of(RunIdLogging.DISTRICT, "north"));
    assertTrue(text.doLayout(file).contains(" [north] o.t.d.InboxIntake: "), text.doLayout(file));
  }

  @Test
  void anExceptionKeepsItsStackTrace() {
    LoggerContext context = new LoggerContext();
    TextLogLayout text = new TextLogLayout();
    text.setContext(context);
    text.start();
    String line =
        text.doLayout(
            event(
                context,
                "org.titansync.pipeline.SyncJob",
                Level.ERROR,
                new IllegalStateException("broken folder"),
                "R1"));
    assertTrue(line.contains("run R1 planned 3 changes"), line);
    assertTrue(line.contains("java.lang.IllegalStateException: broken folder"), line);
    assertTrue(line.contains("at org.titansync.logging.TextLogLayoutTest"), line);
  }
}
