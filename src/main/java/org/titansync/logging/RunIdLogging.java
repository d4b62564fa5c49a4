package org.titansync.logging;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;
import org.titansync.run.RunContext;
import org.titansync.run.RunSummary;

/**
 * Puts the run id in the logging context ({@code run_id}) around every step that works for a run,
 * on whatever thread runs it: the apply route's pool threads too. A step works for a run when its
 * exchange carries the run ({@code titanRun}, set by routes/sync.camel.yaml) or its body is the
 * run's summary.
 */
public final class RunIdLogging implements InterceptStrategy {
  /** The MDC key: a field of every JSON log line, {@code [%X{run_id}]} in text lines. */
  public static final String KEY = "run_id";

  @Override
  public Processor wrapProcessorInInterceptors(
      CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
    AsyncProcessor async = AsyncProcessorConverterHelper.convert(target);
    return new DelegateAsyncProcessor(async) {
      @Override
      public boolean process(Exchange exchange, AsyncCallback callback) {
        String runId = runId(exchange);
        if (runId == null) {
          return processor.process(exchange, callback);
        }
        String before = MDC.get(KEY);
        MDC.put(KEY, runId);
        try {
          return processor.process(exchange, callback);
        } finally {
          if (before == null) {
            MDC.remove(KEY);
          } else {
            MDC.put(KEY, before);
          }
        }
      }
    };
  }

  private static String runId(Exchange exchange) {
    if (exchange.getProperty("titanRun") instanceof RunContext run) {
      return run.runId();
    }
    Object body = exchange.getMessage().getBody();
    if (body instanceof RunContext run) {
      return run.runId();
    }
    if (body instanceof RunSummary summary) {
      return summary.runId();
    }
    return null;
  }
}
