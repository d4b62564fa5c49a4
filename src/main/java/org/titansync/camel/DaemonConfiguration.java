package org.titansync.camel;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.Main;
import org.titansync.config.SyncConfig;
import org.titansync.titan.TitanClient;

/**
 * What {@code titan-sync run} adds to the routes and beans of {@code sync}: the inbox route and its
 * beans, the SFTP route when {@code [sftp]} is set, the file lock that elects one consumer among
 * several daemons, the readiness checks, the metrics, and the management HTTP server.
 */
final class DaemonConfiguration {
  /** Routes only the daemon loads; {@code sync} leaves them out. */
  static final String DAEMON_ROUTES = "**/inbox.camel.yaml,**/sftp.camel.yaml";

  /** The cluster namespace: one lock file (and one leader) per inbox. */
  static final String NAMESPACE = "titan-sync";

  private DaemonConfiguration() {}

  /**
   * Binds the daemon's beans and sets its placeholders on a Main not yet started.
   *
   * @return what to do before Camel stops: take no new file, and let a run in flight finish within
   *     {@code daemon.stop_timeout_seconds}
   */
  static Runnable apply(Main main, SyncConfig config) throws java.io.IOException {
    SyncConfig.Daemon daemon = config.daemon();
    SyncConfig.Paths paths = config.paths();
    InboxFolders inboxFolders = new InboxFolders(paths, daemon.doneSuffix());
    inboxFolders.create();

    InboxFilter inboxFilter =
        new InboxFilter(Duration.ofSeconds(daemon.quietSeconds()), daemon.doneSuffix());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DaemonMetrics metrics = new DaemonMetrics(registry);
    InboxIntake intake =
        new InboxIntake(
            inboxFilter,
            inboxFolders,
            metrics,
            paths.logs().resolve("runs"),
            config.sync().dryRun(),
            Duration.ofSeconds(daemon.retrySeconds()));
    // camel-micrometer-prometheus serves the registry bound under this name.
    main.bind("metricsRegistry", registry);
    main.bind("daemonMetrics", metrics);
    main.bind("inboxFilter", inboxFilter);
    main.bind("inboxIntake", intake);
    main.bind("remoteFileFilter", new RemoteFileFilter(Duration.ofSeconds(daemon.quietSeconds())));
    main.bind("titanClusterService", clusterService(daemon));
    main.bind("titanReadiness", new TitanReadiness(probeClient(config.titan())));
    Map<String, java.nio.file.Path> folders = new LinkedHashMap<>();
    folders.put("paths.inbox", paths.inbox());
    folders.put("paths.logs", paths.logs());
    main.bind("foldersReadiness", new FoldersReadiness(folders));

    main.addOverrideProperty("titan.daemon", "true");
    main.addOverrideProperty("titan.cluster.namespace", NAMESPACE);
    main.addOverrideProperty("titan.inbox.dir", paths.inbox().toAbsolutePath().toString());
    main.addOverrideProperty("titan.inbox.exclude", "(?i)" + InboxFilter.IGNORED.pattern());
    main.addOverrideProperty("titan.inbox.poll_ms", millis(daemon.pollSeconds()));
    main.addOverrideProperty(
        "camel.main.shutdown-timeout", Integer.toString(daemon.stopTimeoutSeconds()));

    SyncConfig.Sftp sftp = daemon.sftp();
    if (sftp.enabled()) {
      main.addOverrideProperty("titan.sftp.host", sftp.host());
      main.addOverrideProperty("titan.sftp.port", Integer.toString(sftp.port()));
      main.addOverrideProperty("titan.sftp.remote_dir", sftp.remoteDir());
      main.addOverrideProperty("titan.sftp.username", raw(sftp.username()));
      main.addOverrideProperty(
          "titan.sftp.known_hosts", raw(sftp.knownHosts().toAbsolutePath().toString()));
      main.addOverrideProperty("titan.sftp.exclude", raw("(?i)" + InboxFilter.IGNORED.pattern()));
      main.addOverrideProperty("titan.sftp.poll_ms", millis(sftp.pollSeconds()));
      main.addOverrideProperty("titan.sftp.options", sftpOptions(sftp, daemon.doneSuffix()));
    } else {
      main.addOverrideProperty("camel.main.routes-exclude-pattern", "**/sftp.camel.yaml");
    }

    // Health and metrics: only the daemon serves them.
    main.addOverrideProperty("camel.management.enabled", "true");
    main.addOverrideProperty("camel.metrics.enabled", "true");
    if (!daemon.httpHost().isEmpty()) {
      main.addOverrideProperty("camel.management.host", daemon.httpHost());
    }
    if (daemon.httpPort() > 0) {
      main.addOverrideProperty("camel.management.port", Integer.toString(daemon.httpPort()));
    }
    Duration stopTimeout = Duration.ofSeconds(daemon.stopTimeoutSeconds());
    return () -> {
      inboxFilter.close();
      if (!intake.awaitIdle(stopTimeout)) {
        org.slf4j.LoggerFactory.getLogger(DaemonConfiguration.class)
            .warn(
                "stopping with a run still in flight after {} s: its file stays in the inbox",
                stopTimeout.toSeconds());
      }
    };
  }

  /**
   * One lock file per inbox in {@code daemon.lock_dir}. The leader renews it every third of {@code
   * failover_seconds}; a standby takes over once three renewals are missed.
   */
  private static FileLockClusterService clusterService(SyncConfig.Daemon daemon) {
    FileLockClusterService service = new FileLockClusterService();
    service.setId("titan-sync-" + ProcessHandle.current().pid());
    service.setRoot(daemon.lockDir().toAbsolutePath().toString());
    long interval = Math.max(200, Math.round(daemon.failoverSeconds() * 1000 / 3));
    service.setAcquireLockDelay(
        Math.min(interval, 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
    service.setAcquireLockInterval(interval, java.util.concurrent.TimeUnit.MILLISECONDS);
    service.setHeartbeatTimeoutMultiplier(3);
    return service;
  }

  /** A client for readiness probes: a probe must answer within a few seconds. */
  private static TitanClient probeClient(SyncConfig.Titan titan) {
    String base = titan.baseUrl().isEmpty() ? "http://127.0.0.1:1" : titan.baseUrl();
    return new TitanClient(
        URI.create(base),
        () -> titan.apiKey().reveal(),
        Duration.ofSeconds(Math.min(5, titan.timeoutSeconds())),
        1,
        titan.proxyAddress());
  }

  /** The SFTP options that are secret or depend on the config, as one query string. */
  private static String sftpOptions(SyncConfig.Sftp sftp, String doneSuffix) {
    List<String> options = new ArrayList<>();
    if (!sftp.password().isEmpty()) {
      options.add("password=" + raw(sftp.password().reveal()));
    }
    if (sftp.privateKey() != null) {
      options.add("privateKeyFile=" + raw(sftp.privateKey().toAbsolutePath().toString()));
    }
    if (sftp.afterFetch() == SyncConfig.AfterFetch.DELETE) {
      options.add("delete=true");
    } else {
      options.add("move=" + raw(".fetched/${date:now:yyyyMMdd-HHmmss}-${file:onlyname}"));
    }
    if (!doneSuffix.isEmpty()) {
      options.add("doneFileName=" + raw("${file:onlyname}" + doneSuffix));
    }
    return String.join("&", options);
  }

  /** A URI option value taken as it is (no decoding), in whichever RAW form it allows. */
  private static String raw(String value) {
    return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
  }

  private static String millis(double seconds) {
    return String.format(Locale.ROOT, "%d", Math.max(1, Math.round(seconds * 1000)));
  }
}
