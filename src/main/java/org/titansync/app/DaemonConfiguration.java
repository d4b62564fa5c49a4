package org.titansync.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.titansync.config.ConfigException;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.DaemonMetrics;
import org.titansync.daemon.FoldersReadiness;
import org.titansync.daemon.InboxFilter;
import org.titansync.daemon.InboxFolders;
import org.titansync.daemon.InboxIntake;
import org.titansync.daemon.InboxReadiness;
import org.titansync.daemon.SftpReadiness;
import org.titansync.daemon.TitanReadiness;
import org.titansync.sftp.SftpSource;
import org.titansync.sftp.SftpStatus;
import org.titansync.store.StateFolder;
import org.titansync.titan.TitanClient;

/**
 * What {@code titan-sync run} adds to the beans of {@code sync}: the inbox route's beans, the file
 * lock that elects one consumer among several daemons, the readiness checks and the metrics, bound
 * with {@code @BindToRegistry} as {@link PipelineConfiguration} binds the pipeline's. Its
 * placeholders come from {@link ConfigProperties#forDaemon}; its Camel Main options (the inbox and
 * SFTP routes loaded, the management HTTP server, the stop timeout) from {@link TitanSyncApp}.
 */
@Configuration
public final class DaemonConfiguration implements CamelConfiguration {
  /** Routes only the daemon loads; {@code sync} leaves them out. */
  static final String DAEMON_ROUTES = "**/inbox.camel.yaml,**/sftp.camel.yaml";

  /** Where health listens unless configured: as application.properties says. */
  static final String DEFAULT_HEALTH_HOST = "127.0.0.1";

  static final int DEFAULT_HEALTH_PORT = 9876;

  /** The cluster namespace: one lock file (and one leader) per inbox. */
  static final String NAMESPACE = "titan-sync";

  private final SyncConfig config;
  private final InboxFilter inboxFilter;
  private final CompositeMeterRegistry registry;
  private final DaemonMetrics metrics;
  private final InboxReadiness inboxReadiness;
  private final InboxIntake intake;
  private final FileLockClusterService cluster;
  private final ScheduledExecutorService lockWatch;
  private final TitanReadiness titanReadiness;
  private final FoldersReadiness foldersReadiness;
  private final SftpStatus sftpStatus;
  private final SftpSource sftpSource;

  /**
   * The daemon's beans for a config, its folders made; refuses a taken health port.
   *
   * @throws ConfigException when the health port is taken
   */
  DaemonConfiguration(SyncConfig config) throws java.io.IOException, ConfigException {
    this.config = config;
    SyncConfig.Daemon daemon = config.daemon();
    SyncConfig.Paths paths = config.paths();
    requireFreeHealthPort(config);
    InboxFolders inboxFolders = new InboxFolders(paths, daemon.doneSuffix());
    inboxFolders.create();
    inboxFilter =
        new InboxFilter(
            Duration.ofSeconds(daemon.quietSeconds()), daemon.doneSuffix(), daemon.lockDir());
    registry = new CompositeMeterRegistry();
    metrics = new DaemonMetrics(registry);
    metrics.recall(new StateFolder(paths.logs()));
    inboxReadiness = new InboxReadiness(daemon.lockDir().toAbsolutePath());
    intake =
        new InboxIntake(
            inboxFilter,
            inboxFolders,
            metrics,
            inboxReadiness,
            StateFolder.of(paths),
            config.sync().dryRun(),
            Duration.ofSeconds(daemon.retrySeconds()),
            org.titansync.daemon.ConfigWatch.of(config.configFile()));
    cluster = clusterService(daemon);
    lockWatch = watchLock(cluster, inboxReadiness, daemon);
    titanReadiness = new TitanReadiness(probeClient(config));
    Map<String, java.nio.file.Path> folders = new LinkedHashMap<>();
    folders.put("paths.inbox", paths.inbox());
    folders.put("paths.logs", paths.logs());
    foldersReadiness = new FoldersReadiness(folders);
    sftpStatus = sftpStatus(config, registry);
    sftpSource = sftpSource(config, sftpStatus);
  }

  @BindToRegistry("daemonMetrics")
  public DaemonMetrics daemonMetrics() {
    return metrics;
  }

  /** Which inbox files are complete (routes/inbox.camel.yaml's filter). */
  @BindToRegistry("inboxFilter")
  public InboxFilter inboxFilter() {
    return inboxFilter;
  }

  /** Hands a complete file to direct:sync and moves it by the run's outcome. */
  @BindToRegistry("inboxIntake")
  public InboxIntake inboxIntake() {
    return intake;
  }

  /** The SFTP source that routes/sftp.camel.yaml polls; null without [sftp]. */
  @BindToRegistry("sftpSource")
  public SftpSource sftpSource() {
    return sftpSource;
  }

  /** The file lock behind {@code master:}: one consumer of the inbox among several daemons. */
  @BindToRegistry("titanClusterService")
  public FileLockClusterService titanClusterService() {
    return cluster;
  }

  @BindToRegistry("inboxReadiness")
  public InboxReadiness inboxReadiness() {
    return inboxReadiness;
  }

  @BindToRegistry("titanReadiness")
  public TitanReadiness titanReadiness() {
    return titanReadiness;
  }

  @BindToRegistry("foldersReadiness")
  public FoldersReadiness foldersReadiness() {
    return foldersReadiness;
  }

  /**
   * Camel looks up event notifiers, cluster services, health checks and the metrics registry before
   * configuration classes bind their beans, so they are joined here, before the routes are built:
   * the daemon's meters go to the registry camel-micrometer-prometheus serves (bound as {@code
   * metricsRegistry}) and count the events {@link DaemonMetrics} is told of, the checks go to the
   * health registry, the lock to the context's services.
   */
  @Override
  public void configure(CamelContext camelContext) throws Exception {
    MeterRegistry served =
        camelContext.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    if (served != null) {
      registry.add(served);
    }
    camelContext.getManagementStrategy().addEventNotifier(metrics);
    camelContext.addService(cluster);
    HealthCheckRegistry health = HealthCheckRegistry.get(camelContext);
    if (health != null) {
      for (HealthCheck check : List.of(inboxReadiness, titanReadiness, foldersReadiness)) {
        health.register(check);
      }
      if (sftpStatus != null) {
        health.register(new SftpReadiness(sftpStatus));
      }
    }
    // Ours, not Camel's: Camel 4.17 escapes every readiness message twice (HealthAnswers).
    HealthAnswers.mountOnceStarted(camelContext);
  }

  /**
   * Before Camel stops: take no new file, and let a run in flight finish within {@code
   * daemon.stop_timeout_seconds}.
   */
  void beforeStop() {
    lockWatch.shutdownNow();
    inboxFilter.close();
    if (sftpSource != null) {
      sftpSource.close();
    }
    Duration stopTimeout = Duration.ofSeconds(config.daemon().stopTimeoutSeconds());
    if (!intake.awaitIdle(stopTimeout)) {
      org.slf4j.LoggerFactory.getLogger(DaemonConfiguration.class)
          .warn(
              "stopping with a run still in flight after {} s: its file stays in the inbox",
              stopTimeout.toSeconds());
    }
  }

  /** The SFTP source's health and metrics (in the daemon's registry); null without [sftp]. */
  static SftpStatus sftpStatus(SyncConfig config, MeterRegistry registry) {
    SyncConfig.Sftp sftp = config.daemon().sftp();
    return sftp.enabled()
        ? new SftpStatus(
            registry, sftp.downAfterFailures(), sftp.backoffSeconds(), System::nanoTime)
        : null;
  }

  static SftpSource sftpSource(SyncConfig config, SftpStatus status) {
    if (status == null) {
      return null;
    }
    return new SftpSource(
        config.daemon().sftp(),
        config.daemon().doneSuffix(),
        InboxFilter.IGNORED,
        Duration.ofSeconds(config.daemon().quietSeconds()).toMillis(),
        config.csv().maxFileMb() * 1024L * 1024L,
        config.paths().inbox().toAbsolutePath(),
        status,
        System::nanoTime);
  }

  /**
   * Refuses to start when the health port is taken (by another daemon, most likely): a daemon
   * without its health server would look dead to its monitoring, or, worse, its monitoring would
   * ask the other one. The message names the port and the setting that chose it.
   */
  static void requireFreeHealthPort(SyncConfig config) throws ConfigException {
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
}
