package org.titansync.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The daemon's health answers ({@code /observe/health}, {@code /live}, {@code /ready}), served on
 * the management server in place of Camel's own. Camel 4.17's escapes each check's message for JSON
 * and then writes it into JSON, which escapes it again: a readiness message naming {@code a"b.csv}
 * read {@code a\"b.csv} to a monitor, and every path's slash {@code \/}. Here the message is put
 * into the JSON as it is and escaped once, by the writer. Same paths, query parameters ({@code
 * exposureLevel}, {@code stackTrace}, {@code data}), status codes (200 UP, 503 otherwise) and JSON
 * shape as Camel's, so monitors and docs do not change.
 */
final class HealthAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamelContext context;

  private HealthAnswers(CamelContext context) {
    this.context = context;
  }

  /**
   * Mounts the answers once {@code context} has fully started: for the one-district daemon and for
   * the many-districts host alike (both turn Camel's own off in application.properties).
   */
  static void mountOnceStarted(CamelContext camelContext) throws Exception {
    camelContext.addStartupListener(
        new org.apache.camel.StartupListener() {
          @Override
          public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {}

          @Override
          public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            mount(context);
          }
        });
  }

  /**
   * Mounts the answers on the management server of {@code context}, once it has started (Camel's
   * own health answers are off: {@code camel.management.health-check-enabled = false}). No server,
   * nothing to do (the one-shot commands).
   */
  static void mount(CamelContext context) {
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    if (server == null || server.getRouter() == null) {
      return;
    }
    HealthAnswers answers = new HealthAnswers(context);
    String path = server.getHealthPath();
    answers.route(server, path, HealthCheckHelper::invoke);
    answers.route(server, path + "/live", HealthCheckHelper::invokeLiveness);
    answers.route(server, path + "/ready", HealthCheckHelper::invokeReadiness);
  }

  private void route(
      ManagementHttpServer server,
      String path,
      BiFunction<CamelContext, String, Collection<HealthCheck.Result>> checks) {
    server
        .getRouter()
        .route(path)
        .method(HttpMethod.GET)
        .produces("application/json")
        .blockingHandler(rc -> answer(rc, checks), false);
  }

  private void answer(
      RoutingContext rc, BiFunction<CamelContext, String, Collection<HealthCheck.Result>> checks) {
    HealthCheckRegistry registry = HealthCheckRegistry.get(context);
    String level = rc.request().getParam("exposureLevel");
    if (level == null) {
      level = registry == null ? "default" : registry.getExposureLevel();
    }
    Collection<HealthCheck.Result> results = checks.apply(context, level);
    boolean up = HealthCheckHelper.isResultsUp(results, false);
    Map<String, Object> body =
        body(
            up,
            results,
            level,
            "true".equals(rc.request().getParam("stackTrace")),
            "true".equals(rc.request().getParam("data")));
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      text = up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}";
    }
    rc.response().putHeader("content-type", "application/json").setStatusCode(up ? 200 : 503);
    rc.end(text);
  }

  /**
   * The JSON of an answer: the status alone ({@code oneline}); with every check ({@code full}); or
   * with the checks that are not UP (any other level, Camel's {@code default}).
   */
  static Map<String, Object> body(
      boolean up,
      Collection<HealthCheck.Result> results,
      String level,
      boolean stackTrace,
      boolean data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    if (level.equals("oneline")) {
      return body;
    }
    boolean full = level.equals("full");
    List<Map<String, Object>> shown = new ArrayList<>();
    for (HealthCheck.Result r : results) {
      if (full || r.getState() != HealthCheck.State.UP) {
        shown.add(check(r, full, stackTrace, data));
      }
    }
    if (!shown.isEmpty()) {
      body.put("checks", shown);
    }
    return body;
  }

  private static Map<String, Object> check(
      HealthCheck.Result r, boolean full, boolean stackTrace, boolean data) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("name", r.getCheck().getId());
    check.put("status", r.getState().name());
    if ((full || stackTrace) && r.getError().isPresent()) {
      Throwable error = r.getError().get();
      check.put("error-message", causes(error));
      if (stackTrace) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        check.put("error-stacktrace", trace.toString());
      }
    }
    r.getMessage().ifPresent(m -> check.put("message", m));
    if (data && r.getDetails() != null && !r.getDetails().isEmpty()) {
      Map<String, Object> details = new TreeMap<>();
      // Numbers and flags as they are; anything else (a time, an exception) as its text.
      r.getDetails()
          .forEach(
              (k, v) ->
                  details.put(
                      k,
                      v instanceof Number || v instanceof Boolean ? v : Objects.toString(v, "")));
      check.put("data", details);
    }
    return check;
  }

  /** The messages of an error and its causes, as Camel's answer gives them. */
  private static String causes(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        if (text.length() > 0) {
          text.append("; ");
        }
        text.append(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
