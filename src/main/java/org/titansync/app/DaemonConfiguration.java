package org.titansync.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.Main;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.DaemonMetrics;
import org.titansync.daemon.FoldersReadiness;
import org.titansync.daemon.InboxFilter;
import org.titansync.daemon.InboxFolders;
import org.titansync.daemon.InboxIntake;
import org.titansync.daemon.InboxReadiness;
import org.titansync.daemon.RemoteFileFilter;
import org.titansync.daemon.TitanReadiness;
import org.titansync.run.RunStore;
import org.titansync.titan.TitanClient;

/**
 * What {@code titan-sync run} adds to the routes and beans of {@code sync}: the inbox route and its
 * beans, the SFTP route when {@code [sftp]} is set, the file lock that elects one consumer among
 * several daemons, the readiness checks, the metrics, and the management HTTP server.
 */
final class DaemonConfiguration {
  /** Routes only the daemon loads; {@code sync} leaves them out. */
  static final String DAEMON_ROUTES = "**/inbox.camel.yaml,**/sftp.camel.yaml";

  /** Where health listens unless configured: as application.properties says. */
  static final String DEFAULT_HEALTH_HOST = "127.0.0.1";

  static final int DEFAULT_HEALTH_PORT = 9876;

  /** The cluster namespace: one lock file (and one leader) per inbox. */
  static final String NAMESPACE = "titan-sync";

  private DaemonConfiguration() {}

  /**
   * Binds the daemon's beans and sets its placeholders on a Main not yet started.
   *
   * @return what to do before Camel stops: take no new file, and let a run in flight finish within
   *     {@code daemon.stop_timeout_seconds}
   */
  static Runnable apply(Main main, SyncConfig config) throws java.io.IOException, ConfigException {
    SyncConfig.Daemon daemon = config.daemon();
    SyncConfig.Paths paths = config.paths();
    requireFreeHealthPort(config);
    InboxFolders inboxFolders = new InboxFolders(paths, daemon.doneSuffix());
    inboxFolders.create();

    InboxFilter inboxFilter =
        new InboxFilter(
            Duration.ofSeconds(daemon.quietSeconds()), daemon.doneSuffix(), daemon.lockDir());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DaemonMetrics metrics = new DaemonMetrics(registry);
    InboxReadiness inboxReadiness = new InboxReadiness(daemon.lockDir().toAbsolutePath());
    InboxIntake intake =
        new InboxIntake(
            inboxFilter,
            inboxFolders,
            metrics,
            inboxReadiness,
            new RunStore(paths.logs(), paths.keepRunsDays()),
            config.sync().dryRun(),
            Duration.ofSeconds(daemon.retrySeconds()));
    // camel-micrometer-prometheus serves the registry bound under this name.
    main.bind("metricsRegistry", registry);
    main.bind("daemonMetrics", metrics);
    main.bind("inboxFilter", inboxFilter);
    main.bind("inboxIntake", intake);
    main.bind("remoteFileFilter", new RemoteFileFilter(Duration.ofSeconds(daemon.quietSeconds())));
    FileLockClusterService cluster = clusterService(daemon);
    main.bind("titanClusterService", cluster);
    main.bind("inboxReadiness", inboxReadiness);
    ScheduledExecutorService lockWatch = watchLock(cluster, inboxReadiness, daemon);
    main.bind("titanReadiness", new TitanReadiness(probeClient(config)));
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
      lockWatch.shutdownNow();
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
   * Refuses to start when the health port is taken (by another daemon, most likely): a daemon
   * without its health server would look dead to its monitoring, or, worse, its monitoring would
   * ask the other one. The message names the port and the setting that chose it.
   */
  private static void requireFreeHealthPort(SyncConfig config) throws ConfigException {
    SyncConfig.Daemon daemon = config.daemon();
    String host = daemon.httpHost();
    if (host.isEmpty()) {
      host = System.getenv().getOrDefault("CAMEL_MANAGEMENT_HOST", DEFAULT_HEALTH_HOST);
    }
    String portFrom = "daemon.http_port";
    int port = daemon.httpPort();
    if (port <= 0) {
      String env = System.getenv("CAMEL_MANAGEMENT_PORT");
      if (env != null && env.strip().matches("\\d{1,5}")) {
        port = Integer.parseInt(env.strip());
        portFrom = "CAMEL_MANAGEMENT_PORT";
      } else {
        port = DEFAULT_HEALTH_PORT;
      }
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (java.io.IOException e) {
      throw new ConfigException(
          portFrom.startsWith("CAMEL") ? null : config.configFile(),
          0,
          portFrom,
          "the health port "
              + host
              + ":"
              + port
              + " is not free ("
              + e.getMessage()
              + "; another titan-sync daemon?): stop what uses it, or give this daemon another"
              + " port with "
              + portFrom);
    }
  }

  /**
   * Watches who holds the inbox lock, twice a second, and tells readiness (which logs each change).
   * The lock is looked at only once the first try to take it is over.
   */
  private static ScheduledExecutorService watchLock(
      FileLockClusterService cluster, InboxReadiness readiness, SyncConfig.Daemon daemon) {
    ScheduledExecutorService watch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "titan-lock-watch");
              t.setDaemon(true);
              return t;
            });
    long interval = Math.max(200, Math.round(daemon.failoverSeconds() * 1000 / 3));
    // The first try comes after the acquire delay; a stale lock is taken after three intervals.
    long settleNanos = (Math.min(interval, 1000) + 4 * interval) * 1_000_000L;
    long[] startedAt = {0};
    var unused =
        watch.scheduleWithFixedDelay(
            () -> {
              try {
                if (!cluster.isStarted()) {
                  return;
                }
                long now = System.nanoTime();
                if (startedAt[0] == 0) {
                  startedAt[0] = now;
                }
                boolean leader = cluster.getView(NAMESPACE).getLocalMember().isLeader();
                if (leader || now - startedAt[0] > settleNanos) {
                  readiness.lockHeld(leader);
                }
              } catch (Exception e) {
                // Not started yet, or stopping: the next look tells.
              }
            },
            200,
            500,
            TimeUnit.MILLISECONDS);
    return watch;
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
    service.setAcquireLockDelay(Math.min(interval, 1000), TimeUnit.MILLISECONDS);
    service.setAcquireLockInterval(interval, TimeUnit.MILLISECONDS);
    service.setHeartbeatTimeoutMultiplier(3);
    return service;
  }

  /**
   * The readiness probe's client, built as every run's is ({@link TitanSyncApp#clientFor}: one
   * transport, from [titan] and [retry]), but a client of its own, and so with a rate gate of its
   * own: a probe queued behind a run's pause (Remaining: 0, a 429) would call a daemon that is only
   * being paced not ready, and its one request every few seconds at most costs a run little.
   */
  private static TitanClient probeClient(SyncConfig config) {
    return TitanSyncApp.clientFor(config);
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
