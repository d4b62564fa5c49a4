package org.titansync.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.cluster.LeaderWatch;
import org.titansync.cluster.Leadership;
import org.titansync.cluster.ZooKeeperConnectionGuard;
import org.titansync.config.DistrictName;
import org.titansync.config.DistrictsFolder;
import org.titansync.config.DistrictsSettings;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.DistrictsHealth;

/**
 * {@code titan-sync run --districts DIR}: one process serving every district in {@code DIR}. One
 * Camel context (this host's) holds the cluster service ({@link Leadership}), the health and
 * metrics server and, per district, the {@code master:} routes of routes/district.camel.yaml in the
 * district's own namespace; each district runs its files through a pipeline of its own ({@link
 * DistrictRunner}). The folder is read again every {@code districts.rescan_seconds}: a district
 * added starts, one removed stops, one whose file changed starts again with its new config.
 */
@Configuration
public final class DistrictsHost implements CamelConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(DistrictsHost.class);

  private final SyncConfig hostConfig;
  private final DistrictsSettings settings;
  private final Path dir;
  private final Map<String, String> env;
  private final Leadership leadership;
  private final LeaderWatch leaders;
  private final Semaphore turns;
  private final Map<DistrictName, DistrictRunner> runners = new TreeMap<>();
  private final Map<DistrictName, String> refused = new TreeMap<>();

  /** Districts that could not start, by the fingerprint of the file that failed: not retried. */
  private final Map<DistrictName, String> failedStarts = new TreeMap<>();

  private final ScheduledExecutorService chores;
  private ZooKeeperConnectionGuard guard;
  private CamelContext context;
  private MeterRegistry served;
  private volatile boolean stopping;

  private DistrictsHost(SyncConfig hostConfig, Path dir, Map<String, String> env) {
    this.hostConfig = hostConfig;
    this.settings = hostConfig.daemon().districts();
    this.dir = dir.toAbsolutePath().normalize();
    this.env = env;
    this.leadership =
        Leadership.of(
            settings, this.dir.resolve(".titan-sync-lock"), identity(settings, env), null);
    this.leaders = new LeaderWatch(leadership, System::nanoTime);
    this.turns = new Semaphore(settings.concurrency(), true);
    this.chores =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "titan-districts");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs the districts of {@code dir} until SIGTERM, Ctrl-C or {@code stopAfterSeconds}.
   *
   * @param hostConfig the process's own settings: [districts], [daemon]'s health server and stop
   *     timeout, [logging]
   * @param started told once Camel has started
   */
  public static void run(
      SyncConfig hostConfig,
      Path dir,
      long stopAfterSeconds,
      Map<String, String> env,
      Runnable started)
      throws Exception {
    DistrictsHost host = new DistrictsHost(hostConfig, dir, env);
    DaemonConfiguration.requireFreeHealthPort(hostConfig);
    Main main = new Main();
    Map<String, String> options = TitanSyncApp.mainOptions(hostConfig, true, stopAfterSeconds);
    options.put("camel.main.routes-include-pattern", routesDir(hostConfig) + "district.camel.yaml");
    options.remove("camel.main.routes-exclude-pattern");
    options.forEach(main::addOverrideProperty);
    main.configure().addConfiguration(host);
    main.addMainListener(
        new MainListenerSupport() {
          @Override
          public void afterStart(BaseMainSupport camelMain) {
            host.begin(camelMain.getCamelContext());
            started.run();
          }

          @Override
          public void beforeStop(BaseMainSupport camelMain) {
            host.end();
          }
        });
    try {
      main.run();
    } finally {
      host.end();
      host.closeRunners();
      host.leadership.close();
    }
  }

  private static String routesDir(SyncConfig config) {
    Path routes = config.baseDir().resolve("routes");
    if (config.configFile() != null && java.nio.file.Files.isDirectory(routes)) {
      return "file:" + routes.toAbsolutePath() + "/";
    }
    return "classpath:titan-sync/routes/";
  }

  /** This process among the others: the pod's name, else host name and process id. */
  static String identity(DistrictsSettings settings, Map<String, String> env) {
    if (!settings.podName().isEmpty()) {
      return settings.podName();
    }
    String host = env.getOrDefault("HOSTNAME", "");
    if (settings.cluster() == DistrictsSettings.Cluster.KUBERNETES && !host.isBlank()) {
      return host.strip();
    }
    return (host.isBlank() ? "titan-sync" : host.strip()) + "-" + ProcessHandle.current().pid();
  }

  @BindToRegistry("districtsHost")
  public DistrictsHost self() {
    return this;
  }

  /** Before the routes are built: the cluster service, the health checks, the metrics. */
  @Override
  public void configure(CamelContext camelContext) throws Exception {
    this.context = camelContext;
    served = camelContext.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    leadership.install(camelContext);
    HealthCheckRegistry health = HealthCheckRegistry.get(camelContext);
    if (health != null) {
      health.register(DistrictsHealth.readiness(this::readinessProblems));
      health.register(DistrictsHealth.liveness(this::livenessProblems));
      // Ours, not Camel's, as for one district: Camel 4.17 escapes every message twice.
      HealthAnswers.mountOnceStarted(camelContext);
    }
  }

  private void begin(CamelContext camelContext) {
    this.context = camelContext;
    if (leadership.zookeeper() != null) {
      guard = new ZooKeeperConnectionGuard(this::routesRunning);
      guard.watch(leadership.zookeeper().getCuratorFramework());
    }
    rescan();
    var unused1 =
        chores.scheduleWithFixedDelay(
            this::rescan, settings.rescanSeconds(), settings.rescanSeconds(), TimeUnit.SECONDS);
    var unused2 =
        chores.scheduleWithFixedDelay(this::lookAtLeaders, 500, 500, TimeUnit.MILLISECONDS);
    // With ZooKeeper, districts spread over the processes through the cluster service itself
    // (cluster.ZooKeeperFairShare, put in place by Leadership): nothing to do here.
  }

  /** Reads the folder again: starts, stops and restarts districts as it changed. */
  synchronized void rescan() {
    if (stopping) {
      return;
    }
    Map<DistrictName, DistrictsFolder.Entry> now;
    try {
      now = DistrictsFolder.read(dir, env);
      for (String stray : DistrictsFolder.strayNames(dir)) {
        LOG.warn("{} in {} is left alone: {}", stray, dir, DistrictName.rule());
      }
    } catch (java.io.IOException e) {
      LOG.error(
          "cannot read the districts folder {}: {}; districts stay as they are", dir, e.toString());
      return;
    }
    for (DistrictName name : List.copyOf(runners.keySet())) {
      DistrictsFolder.Entry entry = now.get(name);
      if (!(entry instanceof DistrictsFolder.Loaded loaded)
          || !loaded.fingerprint().equals(runners.get(name).fingerprint())) {
        stopDistrict(name, entry == null ? "its file was removed" : "its file changed");
        if (entry == null) {
          forgetMeters(name);
        }
      }
    }
    refused.keySet().retainAll(now.keySet());
    failedStarts.keySet().retainAll(now.keySet());
    for (DistrictsFolder.Entry entry : now.values()) {
      if (entry instanceof DistrictsFolder.Refused r) {
        if (!r.reason().equals(refused.put(r.name(), r.reason()))) {
          DistrictRunner.named(
              r.name(), () -> LOG.error("district {} refused: {}", r.name(), r.reason()));
        }
      } else if (entry instanceof DistrictsFolder.Loaded loaded) {
        if (loaded.fingerprint().equals(failedStarts.get(loaded.name()))) {
          continue; // the same file failed to start: wait for it to change
        }
        failedStarts.remove(loaded.name());
        refused.remove(loaded.name());
        if (!runners.containsKey(loaded.name())) {
          startDistrict(loaded);
        }
      }
    }
  }

  private void startDistrict(DistrictsFolder.Loaded loaded) {
    DistrictName name = loaded.name();
    try {
      DistrictRunner runner =
          new DistrictRunner(
              name, loaded.config(), loaded.fingerprint(), turns, served, settings.rescanSeconds());
      context.getRegistry().bind(bean(name), runner);
      String namespace = Leadership.namespace(name.value());
      SyncConfig.Daemon daemon = loaded.config().daemon();
      TemplatedRouteBuilder.builder(context, "district-inbox")
          .routeId(routeId(name, "inbox"))
          .parameter("district", name.value())
          .parameter("namespace", namespace)
          .parameter("pollMs", millis(daemon.pollSeconds()))
          .add();
      if (runner.sftpEnabled()) {
        long pollMs = Math.max(1, Math.round(daemon.sftp().pollSeconds() * 1000));
        TemplatedRouteBuilder.builder(context, "district-sftp")
            .routeId(routeId(name, "sftp"))
            .parameter("district", name.value())
            .parameter("namespace", namespace)
            .parameter("pollMs", Long.toString(pollMs))
            .parameter("firstPollMs", Long.toString(Math.min(pollMs, 2000)))
            .add();
      }
      runners.put(name, runner);
      DistrictRunner.named(
          name,
          () -> LOG.info("district {} served (inbox {})", name, loaded.config().paths().inbox()));
    } catch (Exception e) {
      refused.put(name, "could not start: " + e.getMessage());
      failedStarts.put(name, loaded.fingerprint());
      DistrictRunner.named(
          name, () -> LOG.error("district {} could not start: {}", name, e.toString()));
      removeRoutes(name);
    }
  }

  private void stopDistrict(DistrictName name, String why) {
    DistrictRunner runner = runners.remove(name);
    DistrictRunner.named(name, () -> LOG.info("district {} stops: {}", name, why));
    runner.stopTaking(Duration.ofSeconds(runner.config().daemon().stopTimeoutSeconds()));
    removeRoutes(name);
    context.getRegistry().unbind(bean(name));
    runner.close();
  }

  /** A district whose file is gone leaves the metrics: its last figures would stay there. */
  private void forgetMeters(DistrictName name) {
    if (served == null) {
      return;
    }
    for (Meter meter : List.copyOf(served.getMeters())) {
      if (name.value().equals(meter.getId().getTag("district"))) {
        served.remove(meter);
      }
    }
  }

  private void removeRoutes(DistrictName name) {
    for (String kind : List.of("inbox", "sftp")) {
      String id = routeId(name, kind);
      try {
        if (context.getRoute(id) != null) {
          context.getRouteController().stopRoute(id);
          context.removeRoute(id);
        }
      } catch (Exception e) {
        LOG.warn("could not remove route {}: {}", id, e.toString());
      }
    }
  }

  /** The ZooKeeper connection's guard: every district's routes stop, or start again. */
  private void routesRunning(boolean run) {
    List<String> ids = new ArrayList<>();
    synchronized (this) {
      for (DistrictName name : runners.keySet()) {
        ids.add(routeId(name, "inbox"));
        ids.add(routeId(name, "sftp"));
      }
    }
    for (String id : ids) {
      try {
        if (context.getRoute(id) != null) {
          if (run) {
            context.getRouteController().startRoute(id);
          } else {
            context.getRouteController().stopRoute(id);
          }
        }
      } catch (Exception e) {
        LOG.warn("could not {} route {}: {}", run ? "start" : "stop", id, e.toString());
      }
    }
  }

  private void lookAtLeaders() {
    try {
      leaders.look(namespaces());
    } catch (RuntimeException e) {
      LOG.debug("leader look failed: {}", e.toString());
    }
  }

  private synchronized Map<String, String> namespaces() {
    Map<String, String> namespaces = new LinkedHashMap<>();
    for (DistrictName name : runners.keySet()) {
      namespaces.put(name.value(), Leadership.namespace(name.value()));
    }
    return namespaces;
  }

  private synchronized List<String> readinessProblems() {
    List<String> problems = new ArrayList<>();
    refused.forEach(
        (name, why) -> problems.add("district " + name + " refused: " + firstLine(why)));
    runners.forEach(
        (name, runner) -> runner.stuck().forEach(p -> problems.add("district " + name + ": " + p)));
    if (guard != null && !guard.connected()) {
      problems.add("ZooKeeper connection lost: no district runs here until it is back");
    }
    if (leadership.seesOtherLeaders()) {
      for (String name : leaders.leaderless(Duration.ofSeconds(settings.retrySeconds() * 2L))) {
        problems.add("district " + name + " has no leader");
      }
    }
    return problems;
  }

  private List<String> livenessProblems() {
    if (!leadership.seesOtherLeaders()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (String name : leaders.leaderless(Duration.ofSeconds(settings.leaseSeconds()))) {
      problems.add(
          "district "
              + name
              + " has had no leader for longer than the lease ("
              + settings.leaseSeconds()
              + " s)");
    }
    return problems;
  }

  private synchronized void end() {
    if (stopping) {
      return;
    }
    stopping = true;
    chores.shutdownNow();
    for (DistrictRunner runner : runners.values()) {
      if (!runner.stopTaking(Duration.ofSeconds(hostConfig.daemon().stopTimeoutSeconds()))) {
        DistrictRunner.named(
            runner.name(),
            () -> LOG.warn("district {}: stopping with a run still in flight", runner.name()));
      }
    }
    if (guard != null) {
      guard.close();
    }
  }

  private synchronized void closeRunners() {
    runners.values().forEach(DistrictRunner::close);
    runners.clear();
  }

  private static String bean(DistrictName name) {
    return "district-" + name.value();
  }

  private static String routeId(DistrictName name, String kind) {
    return "district-" + name.value() + "-" + kind;
  }

  private static String millis(double seconds) {
    return Long.toString(Math.max(1, Math.round(seconds * 1000)));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " ...";
  }
}
