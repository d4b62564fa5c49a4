package org.titansync.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.titansync.apply.Applier;
import org.titansync.config.SyncConfig;
import org.titansync.logging.RunIdLogging;
import org.titansync.notify.Notifier;
import org.titansync.report.ReportStage;
import org.titansync.run.RunStore;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncJob;
import org.titansync.run.SyncRequest;
import org.titansync.titan.RateGate;
import org.titansync.titan.TitanClient;

/**
 * Builds the beans, loads {@code routes/*.camel.yaml} (from the jar, or from a {@code routes/}
 * folder beside the config file when there is one) and starts Camel. The one-shot command and the
 * daemon both start this and differ only in what hands files to {@code direct:sync}: the daemon
 * ({@link #startDaemon}) adds the inbox and SFTP routes, the file lock, health and metrics; the
 * one-shot command leaves those routes out and opens no port.
 */
public final class TitanSyncApp implements AutoCloseable {
  private final Main main;
  private final ExecutorService applyPool;
  private final ProducerTemplate producer;
  private final SyncJob job;
  private final Runnable beforeStop;

  private TitanSyncApp(Main main, ExecutorService applyPool, SyncJob job, Runnable beforeStop)
      throws Exception {
    this.main = main;
    this.beforeStop = beforeStop;
    this.applyPool = applyPool;
    this.job = job;
    this.producer = main.getCamelContext().createProducerTemplate();
  }

  /**
   * Starts Camel with the routes and beans for this config: one-shot runs through {@link #sync}.
   */
  public static TitanSyncApp start(SyncConfig config) throws Exception {
    return start(config, clientFor(config), false);
  }

  /**
   * Starts Camel for one-shot runs whose reads the caller started with {@code client}: the apply
   * then writes through the same client, so one rate gate paces every call of the run.
   */
  public static TitanSyncApp start(SyncConfig config, TitanClient client) throws Exception {
    return start(config, client, false);
  }

  /**
   * Starts the daemon: everything {@link #start} has, plus the inbox route (and the SFTP route when
   * {@code [sftp]} is set), the file lock among daemons, readiness checks, metrics and the
   * management HTTP server. Runs until {@link #close}.
   */
  public static TitanSyncApp startDaemon(SyncConfig config) throws Exception {
    return start(config, clientFor(config), true);
  }

  private static TitanSyncApp start(SyncConfig config, TitanClient client, boolean daemon)
      throws Exception {
    SyncConfig.Titan titan = config.titan();
    SyncJob job = jobFor(config, client);
    RunStore store = job.store();
    SyncConfig.Retry retry = config.retry();
    Applier applier =
        new Applier(
            client,
            store.audit(),
            retry.maxAttempts(),
            retry.maxDelayMs(),
            retry.runBudgetSeconds());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            titan.maxConcurrency(),
            r -> {
              Thread t = new Thread(r, "titan-apply-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });

    Main main = new Main();
    Path routesDir = config.baseDir().resolve("routes");
    if (config.configFile() != null && Files.isDirectory(routesDir)) {
      // An override property: application.properties names the jar's routes, and a plain
      // configure() setting would lose to it, leaving the operator's folder unread.
      main.addOverrideProperty(
          "camel.main.routes-include-pattern",
          "file:" + routesDir.toAbsolutePath() + "/*.camel.yaml");
    }
    main.configure().addConfiguration(new PipelineConfiguration(config, job, applier, pool));
    main.addOverrideProperty("titan.mail.endpoint", Notifier.endpointUri(config.email()));
    // Bound before start, not in PipelineConfiguration: an intercept strategy bound there is
    // looked up too late, and lines of the apply workers lost their run id (TwoDaemonsTest).
    main.bind("runIdLogging", new RunIdLogging());
    Runnable beforeStop = () -> {};
    if (daemon) {
      beforeStop = DaemonConfiguration.apply(main, config);
    } else {
      main.addOverrideProperty(
          "camel.main.routes-exclude-pattern", DaemonConfiguration.DAEMON_ROUTES);
    }

    main.addOverrideProperty("titan.retry.initial_delay_ms", Long.toString(retry.initialDelayMs()));
    main.addOverrideProperty("titan.retry.max_delay_ms", Long.toString(retry.maxDelayMs()));
    main.addOverrideProperty(
        "titan.retry.multiplier", String.format(Locale.ROOT, "%s", retry.multiplier()));
    // The routes fed by direct: declare shutdownRoute: Defer in their YAML.
    main.start();
    return new TitanSyncApp(main, pool, job, beforeStop);
  }

  /** The job (and its Titan client and run store) for a config. */
  public static SyncJob jobFor(SyncConfig config) {
    return jobFor(config, clientFor(config));
  }

  private static SyncJob jobFor(SyncConfig config, TitanClient client) {
    return new SyncJob(
        config,
        client,
        new RunStore(config.paths().logs(), config.paths().keepRunsDays()),
        ReportStage::new);
  }

  /**
   * The Titan client for a config (cheap: it connects on its first call): every call of a run goes
   * through one, so that one rate gate paces reads, look-ups and writes, and {@code [retry]} says
   * how each is tried again.
   */
  public static TitanClient clientFor(SyncConfig config) {
    SyncConfig.Titan titan = config.titan();
    return new TitanClient(
        java.net.URI.create(titan.baseUrl().isEmpty() ? "http://127.0.0.1:1" : titan.baseUrl()),
        () -> titan.apiKey().reveal(),
        Duration.ofSeconds(titan.timeoutSeconds()),
        titan.pageSize(),
        titan.proxyAddress(),
        TitanClient.Bounds.defaults(),
        new RateGate(titan.initialRequestsPerSecond(), titan.maxRequestsPerSecond()),
        new TitanClient.Retry(
            config.retry().maxAttempts(),
            config.retry().initialDelayMs(),
            config.retry().maxDelayMs(),
            config.retry().multiplier()));
  }

  /** Runs one sync through the routes and returns how it ended. */
  public RunSummary sync(SyncRequest request) {
    return producer.requestBody("direct:sync", request, RunSummary.class);
  }

  /** Sends a run's mail through the notify route, when due; returns the summary, maybe noted. */
  public RunSummary notify(RunSummary summary) {
    return producer.requestBody("direct:notify", summary, RunSummary.class);
  }

  public SyncJob job() {
    return job;
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
      producer.close();
    } catch (java.io.IOException | RuntimeException e) {
      // Closing a template releases caches only.
    }
    try {
      main.stop();
    } finally {
      applyPool.shutdownNow();
      try {
        job.store().audit().close();
      } catch (java.io.IOException e) {
        // The lines are already with the operating system; nothing is lost.
      }
    }
  }
}
