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
 * run's summary. A district's run ({@code run --districts}) also carries its district ({@value
 * #DISTRICT_PROPERTY}), put in the context as {@code district}.
 */
public final class RunIdLogging implements InterceptStrategy {
  /** The MDC key: a field of every JSON log line, {@code [%X{run_id}]} in text lines. */
  public static final String KEY = "run_id";

  /** The MDC key of a district's name: a field of JSON lines, before the run id in text lines. */
  public static final String DISTRICT = "district";

  /** The exchange property that names the district a run is for. */
  public static final String DISTRICT_PROPERTY = "titanDistrict";

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
        String district = exchange.getProperty(DISTRICT_PROPERTY, String.class);
        String before = MDC.get(KEY);
        String districtBefore = MDC.get(DISTRICT);
        MDC.put(KEY, runId);
        if (district != null) {
          MDC.put(DISTRICT, district);
        }
        try {
          return processor.process(exchange, callback);
        } finally {
          restore(KEY, before);
          restore(DISTRICT, districtBefore);
        }
      }
    };
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
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
