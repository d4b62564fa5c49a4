package org.titansync.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.titansync.apply.Applier;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.config.TitanSettings;
import org.titansync.plan.TitanPort;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.store.StateFolder;
import org.titansync.titan.RateGate;
import org.titansync.titan.TitanClient;

/**
 * Builds the beans, loads {@code routes/*.camel.yaml} (from the jar, or from a {@code routes/}
 * folder beside the config file when there is one) and starts Camel Main. The one-shot command and
 * the daemon both start this and differ only in what hands files to {@code direct:sync}: the daemon
 * ({@link #daemon}, {@link #run}) adds the inbox and SFTP routes, the file lock, health and
 * metrics; the one-shot command leaves those routes out and opens no port.
 *
 * <p>Camel Main as its examples use it: the beans in configuration classes ({@link
 * PipelineConfiguration}, {@link DaemonConfiguration}), the routes' {@code titan.*} placeholders
 * from a properties source ({@link ConfigProperties}), the Camel Main options that depend on the
 * config set in one place ({@link #mainOptions}), and the daemon run by {@link Main#run()}.
 */
public final class TitanSyncApp implements AutoCloseable {
  /** The route templates of {@code run --districts}; no other mode loads them. */
  static final String DISTRICT_ROUTES = "**/district.camel.yaml";

  private final Main main;
  private final Runnable beforeStop;
  private final ClosedWithCamel closedWithCamel;
  private ProducerTemplate producer;

  private TitanSyncApp(Main main, Runnable beforeStop, ClosedWithCamel closedWithCamel) {
    this.main = main;
    this.beforeStop = beforeStop;
    this.closedWithCamel = closedWithCamel;
  }

  /**
   * Starts Camel with the routes and beans for this config: one-shot runs through {@link #sync}.
   */
  public static TitanSyncApp start(SyncConfig config) throws Exception {
    return prepare(config, clientFor(config), false, 0).started();
  }

  /**
   * Starts Camel for one-shot runs whose reads the caller started with {@code client}: the apply
   * then writes through the same client, so one rate gate paces every call of the run.
   */
  public static TitanSyncApp start(SyncConfig config, TitanClient client) throws Exception {
    return prepare(config, client, false, 0).started();
  }

  /**
   * Starts the daemon: everything {@link #start} has, plus the inbox route (and the SFTP route when
   * {@code [sftp]} is set), the file lock among daemons, readiness checks, metrics and the
   * management HTTP server. Runs until {@link #close}.
   */
  public static TitanSyncApp startDaemon(SyncConfig config) throws Exception {
    return prepare(config, clientFor(config), true, 0).started();
  }

  /**
   * The daemon, built but not started: {@link #run} runs it until stopped.
   *
   * @param stopAfterSeconds when positive, the daemon stops by itself after this many seconds
   *     ({@code camel.main.duration-max-seconds})
   * @throws ConfigException when the health port is taken
   */
  public static TitanSyncApp daemon(SyncConfig config, long stopAfterSeconds) throws Exception {
    return prepare(config, clientFor(config), true, stopAfterSeconds);
  }

  private static TitanSyncApp prepare(
      SyncConfig config, TitanClient client, boolean daemon, long stopAfterSeconds)
      throws Exception {
    Main main = new Main();
    mainOptions(config, daemon, stopAfterSeconds).forEach(main::addOverrideProperty);
    Runnable beforeStop = () -> {};
    ConfigProperties properties = ConfigProperties.forRuns(config);
    if (daemon) {
      DaemonConfiguration daemonBeans = new DaemonConfiguration(config);
      main.configure().addConfiguration(daemonBeans);
      beforeStop = daemonBeans::beforeStop;
      properties = ConfigProperties.forDaemon(config);
    }
    ClosedWithCamel closed = new ClosedWithCamel();
    configure(main.configure(), config, client, properties, closed);
    return new TitanSyncApp(main, beforeStop, closed);
  }

  /**
   * The Camel Main options that depend on the config, set as override properties because
   * application.properties names some of them and would win over a plain setting: which routes load
   * (the operator's routes/ folder; the daemon's routes for {@code run} only), and for the daemon
   * the management HTTP server, the stop timeout and {@code --stop-after}.
   */
  static Map<String, String> mainOptions(SyncConfig config, boolean daemon, long stopAfterSeconds) {
    Map<String, String> options = new LinkedHashMap<>();
    Path routesDir = config.baseDir().resolve("routes");
    if (config.configFile() != null && Files.isDirectory(routesDir)) {
      options.put(
          "camel.main.routes-include-pattern",
          "file:" + routesDir.toAbsolutePath() + "/*.camel.yaml");
    }
    if (!daemon) {
      options.put(
          "camel.main.routes-exclude-pattern",
          DaemonConfiguration.DAEMON_ROUTES + "," + DISTRICT_ROUTES);
      return options;
    }
    SyncConfig.Daemon settings = config.daemon();
    options.put(
        "camel.main.routes-exclude-pattern",
        settings.sftp().enabled() ? DISTRICT_ROUTES : "**/sftp.camel.yaml," + DISTRICT_ROUTES);
    int stopTimeout = settings.stopTimeoutSeconds();
    options.put("camel.main.shutdown-timeout", Integer.toString(stopTimeout));
    // On SIGTERM, Camel's hook waits this long beyond the shutdown timeout for the stop to end;
    // the run in flight first has up to stop_timeout_seconds to finish (DaemonConfiguration).
    options.put("camel.main.extra-shutdown-timeout", Integer.toString(stopTimeout + 15));
    if (stopAfterSeconds > 0) {
      options.put(
          "camel.main.duration-max-seconds",
          Long.toString(Math.min(stopAfterSeconds, Integer.MAX_VALUE)));
    }
    // Health and metrics: only the daemon serves them.
    options.put("camel.management.enabled", "true");
    options.put("camel.metrics.enabled", "true");
    // Camel's exchange event notifier looks its last-exchange gauge up among every meter of the
    // registry at the end of each exchange: with many districts (run --districts), each inbox
    // poll of each district walked thousands of meters, 40% of the process's samples in a cycle
    // of 200 idle districts. The route policy's metrics (camel_exchanges_total, ...) stay.
    options.put("camel.metrics.enableExchangeEventNotifier", "false");
    if (!settings.httpHost().isEmpty()) {
      options.put("camel.management.host", settings.httpHost());
    }
    if (settings.httpPort() > 0) {
      options.put("camel.management.port", Integer.toString(settings.httpPort()));
    }
    return options;
  }

  /**
   * Adds to a Camel Main what the pipeline's routes need for one config: their beans ({@link
   * PipelineConfiguration}), the {@code titan.*} placeholders ({@code properties}, registered with
   * the properties component before the routes load), and the closing of the apply pool and the
   * audit log once Camel has stopped. Route tests ({@code @CamelMainTest}) call it from their
   * {@code @Configure} method, with Titan as the port (an in-memory Titan, or the HTTP client).
   */
  public static void configure(
      MainConfigurationProperties main,
      SyncConfig config,
      TitanPort client,
      ConfigProperties properties) {
    configure(main, config, client, properties, new ClosedWithCamel());
  }

  private static void configure(
      MainConfigurationProperties main,
      SyncConfig config,
      TitanPort client,
      ConfigProperties properties,
      ClosedWithCamel closed) {
    StateFolder store = StateFolder.of(config.paths());
    SyncConfig.Retry retry = config.retry();
    Applier applier =
        new Applier(
            client,
            store.audit(),
            retry.maxAttempts(),
            retry.maxDelayMs(),
            retry.runBudgetSeconds());
    // Closed once the routes have stopped: the audit log (the apply's workers are Camel's).
    closed.add(store.audit()::close);
    main.addConfiguration(new PipelineConfiguration(config, client, store, applier));
    main.addConfiguration(new ContextConfiguration(properties, closed));
  }

  /**
   * The Titan client for a config (cheap: it connects on its first call): every call of a run goes
   * through one, so that one rate gate paces reads, look-ups and writes, and {@code [retry]} says
   * how each is tried again.
   */
  public static TitanClient clientFor(SyncConfig config) {
    TitanSettings titan = config.titan();
    return clientFor(
        config, new RateGate(titan.initialRequestsPerSecond(), titan.maxRequestsPerSecond()));
  }

  /** The Titan client for a config, its calls paced by {@code gate}. */
  public static TitanClient clientFor(SyncConfig config, RateGate gate) {
    TitanSettings titan = config.titan();
    return new TitanClient(
        java.net.URI.create(titan.baseUrl().isEmpty() ? "http://127.0.0.1:1" : titan.baseUrl()),
        () -> titan.apiKey().reveal(),
        Duration.ofSeconds(titan.timeoutSeconds()),
        titan.pageSize(),
        titan.proxyAddress(),
        TitanClient.Bounds.defaults(),
        gate,
        new TitanClient.Retry(
            config.retry().maxAttempts(),
            config.retry().initialDelayMs(),
            config.retry().maxDelayMs(),
            config.retry().multiplier()));
  }

  /**
   * Runs Camel Main ({@link Main#run()}) until SIGTERM or Ctrl-C (Camel's shutdown hook stops it
   * gracefully: a run in flight finishes within {@code daemon.stop_timeout_seconds}) or until the
   * {@code stopAfterSeconds} given to {@link #daemon}.
   *
   * @param started called once Camel has started (the daemon says where it watches)
   */
  public void run(Runnable started) throws Exception {
    main.addMainListener(
        new MainListenerSupport() {
          @Override
          public void afterStart(BaseMainSupport camelMain) {
            started.run();
          }

          @Override
          public void beforeStop(BaseMainSupport camelMain) {
            beforeStop.run();
          }
        });
    main.run();
  }

  /**
   * Closes {@code resource} once Camel has stopped, within its stop: the in-process sandbox
   * outlives the last write and is closed (its state saved) before Camel's shutdown hook lets the
   * JVM end.
   */
  public void closeWhenStopped(AutoCloseable resource) {
    closedWithCamel.add(resource);
  }

  private TitanSyncApp started() throws Exception {
    main.start();
    producer = main.getCamelContext().createProducerTemplate();
    return this;
  }

  /** Runs one sync through the routes and returns how it ended. */
  public RunSummary sync(SyncRequest request) {
    return producer.requestBody("direct:sync", request, RunSummary.class);
  }

  /**
   * Runs one sync through the routes with {@code properties} on its exchange (the daemon's mail
   * gate), as the inbox route of a one-district daemon hands them on; an exception the route threw
   * is thrown here.
   */
  public RunSummary sync(SyncRequest request, Map<String, Object> properties) throws Exception {
    org.apache.camel.Exchange done =
        producer.send(
            "direct:sync",
            ex -> {
              ex.getMessage().setBody(request);
              properties.forEach(ex::setProperty);
            });
    if (done.getException() != null) {
      throw done.getException();
    }
    return done.getMessage().getBody(RunSummary.class);
  }

  /** Sends a run's mail through the notify route, when due; returns the summary, maybe noted. */
  public RunSummary notify(RunSummary summary) {
    return producer.requestBody("direct:notify", summary, RunSummary.class);
  }

  public CamelContext context() {
    return main.getCamelContext();
  }

  /** Where the health and metrics server listens, such as {@code http://127.0.0.1:9876}. */
  public String managementUrl() {
    var props = main.getCamelContext().getPropertiesComponent();
    return "http://"
        + props.resolveProperty("camel.management.host").orElse("0.0.0.0")
        + ":"
        + props.resolveProperty("camel.management.port").orElse("8080");
  }

  @Override
  public void close() {
    beforeStop.run();
    try {
      if (producer != null) {
        producer.close();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Closing a template releases caches only.
    }
    try {
      main.stop();
    } finally {
      // Closed by Camel's stop already; again should the stop have failed half way.
      closedWithCamel.closeAll();
    }
  }
}
