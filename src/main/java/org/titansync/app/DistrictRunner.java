package org.titansync.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.MDC;
import org.titansync.config.DistrictName;
import org.titansync.config.SyncConfig;
import org.titansync.daemon.ConfigWatch;
import org.titansync.daemon.DaemonMetrics;
import org.titansync.daemon.InboxFilter;
import org.titansync.daemon.InboxFolders;
import org.titansync.daemon.InboxIntake;
import org.titansync.daemon.InboxReadiness;
import org.titansync.logging.RunIdLogging;
import org.titansync.notify.MailGate;
import org.titansync.run.RunSummary;
import org.titansync.run.SyncRequest;
import org.titansync.sftp.SftpSource;
import org.titansync.sftp.SftpStatus;
import org.titansync.store.StateFolder;

/**
 * One district of {@code run --districts}: its inbox (the same {@link InboxIntake} as a
 * one-district daemon: one file, one run, one move), its SFTP source, and its own pipeline, a Camel
 * context of its own started the first time this process runs one of its files, with its own Titan
 * client (so its own rate gate), state folder (so its own run lock, audit log and window) and mail.
 * The district routes of routes/district.camel.yaml call it as the bean {@code district-NAME}.
 *
 * <p>Runs of all districts share {@code turns}: at most {@code districts.concurrency} at once, in
 * the order they asked (a fair semaphore), so that no district waits behind more than one turn of
 * the others, however long their first loads.
 */
public final class DistrictRunner implements AutoCloseable {
  private final DistrictName name;
  private final SyncConfig config;
  private final String fingerprint;
  private final Semaphore turns;
  private final InboxFilter filter;
  private final InboxReadiness readiness;
  private final InboxIntake intake;
  private final DaemonMetrics metrics;
  private final SftpStatus sftpStatus;
  private final SftpSource sftpSource;
  private TitanSyncApp pipeline;

  DistrictRunner(
      DistrictName name,
      SyncConfig config,
      String fingerprint,
      Semaphore turns,
      MeterRegistry served,
      int rescanSeconds)
      throws java.io.IOException {
    this.name = name;
    this.config = config;
    this.fingerprint = fingerprint;
    this.turns = turns;
    SyncConfig.Daemon daemon = config.daemon();
    InboxFolders folders = new InboxFolders(config.paths(), daemon.doneSuffix());
    folders.create();
    filter =
        new InboxFilter(
            Duration.ofSeconds(daemon.quietSeconds()), daemon.doneSuffix(), daemon.lockDir());
    // Every meter of this district carries its name.
    CompositeMeterRegistry registry = new CompositeMeterRegistry();
    registry.config().commonTags("district", name.value());
    if (served != null) {
      registry.add(served);
    }
    metrics = new DaemonMetrics(registry);
    StateFolder store = StateFolder.of(config.paths());
    metrics.recall(store);
    readiness = new InboxReadiness(daemon.lockDir().toAbsolutePath());
    intake =
        new InboxIntake(
            filter,
            folders,
            metrics,
            readiness,
            store,
            config.sync().dryRun(),
            Duration.ofSeconds(daemon.retrySeconds()),
            // A changed district file starts the district again with it (DistrictsHost's
            // rescan); until then no run starts with the old one.
            ConfigWatch.ofDistrict(config.configFile(), rescanSeconds));
    sftpStatus = DaemonConfiguration.sftpStatus(config, registry);
    sftpSource = DaemonConfiguration.sftpSource(config, sftpStatus);
  }

  public DistrictName name() {
    return name;
  }

  public SyncConfig config() {
    return config;
  }

  /** The SHA-256 of the config file this runner was built from. */
  String fingerprint() {
    return fingerprint;
  }

  /**
   * Work for this district, with its name in the logging context of this thread: every line about
   * its files and runs names it ({@code [north run-id]}, or the {@code district} field of JSON
   * lines).
   */
  private <T> T named(Supplier<T> work) {
    return named(name, work);
  }

  private void named(Runnable work) {
    named(name, work);
  }

  /** Work with {@code district}'s name in this thread's logging context, as {@link #named}. */
  static <T> T named(DistrictName district, Supplier<T> work) {
    MDC.put(RunIdLogging.DISTRICT, district.value());
    try {
      return work.get();
    } finally {
      MDC.remove(RunIdLogging.DISTRICT);
    }
  }

  /** A line or a step about {@code district}, with its name in the logging context. */
  static void named(DistrictName district, Runnable work) {
    named(
        district,
        () -> {
          work.run();
          return null;
        });
  }

  /** The inbox's entries to handle now (route district-inbox). */
  public List<java.nio.file.Path> ready() {
    return named(() -> intake.ready());
  }

  /** The listed entry as a run request, or a refused run's summary. */
  public Object request(Exchange ex) {
    return named(() -> intake.request(ex));
  }

  /**
   * Runs the request through this district's own pipeline, once it has its turn. The exchange's
   * mail gate goes with it, so that a file mails at most once, and so does the district's name, for
   * the run's log lines on every thread.
   */
  public RunSummary sync(Exchange ex) throws Exception {
    SyncRequest request = ex.getMessage().getBody(SyncRequest.class);
    Object gate = ex.getProperty(MailGate.PROPERTY);
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put(RunIdLogging.DISTRICT_PROPERTY, name.value());
    if (gate != null) {
      properties.put(MailGate.PROPERTY, gate);
    }
    MDC.put(RunIdLogging.DISTRICT, name.value());
    try {
      turns.acquire();
      try {
        return pipeline().sync(request, properties);
      } finally {
        turns.release();
      }
    } finally {
      MDC.remove(RunIdLogging.DISTRICT);
    }
  }

  /** Mails a refused entry's summary through the district's own notify route. */
  public RunSummary mail(Exchange ex) throws Exception {
    MDC.put(RunIdLogging.DISTRICT, name.value());
    try {
      return pipeline().notify(ex.getMessage().getBody(RunSummary.class));
    } finally {
      MDC.remove(RunIdLogging.DISTRICT);
    }
  }

  /** Moves the file by how its run ended. */
  public void settle(Exchange ex) {
    named(() -> intake.settle(ex));
  }

  /** The run could not even start: the file stays, tried again later. */
  public void failed(Exchange ex) {
    named(() -> intake.failed(ex));
  }

  /** One SFTP poll (route district-sftp). */
  public void pollSftp() {
    if (sftpSource != null) {
      named(sftpSource::poll);
    }
  }

  public boolean sftpEnabled() {
    return sftpSource != null;
  }

  /** Files stuck in this district's inbox, and a failing SFTP source. */
  List<String> stuck() {
    List<String> problems = new java.util.ArrayList<>(readiness.problemsBesideTheLock());
    String sftp = sftpStatus == null ? null : sftpStatus.problem();
    if (sftp != null) {
      problems.add(sftp);
    }
    return problems;
  }

  /** Runs in flight now (0 or 1). */
  int inFlight() {
    return intake.inFlight();
  }

  /** Lets a run in flight finish, at most {@code timeout}; takes no new file. */
  boolean stopTaking(Duration timeout) {
    filter.close();
    if (sftpSource != null) {
      sftpSource.close();
    }
    return intake.awaitIdle(timeout);
  }

  private synchronized TitanSyncApp pipeline() throws Exception {
    if (pipeline == null) {
      TitanSyncApp app = TitanSyncApp.start(config);
      // The pipeline's writes count in this district's metrics.
      app.context().getManagementStrategy().addEventNotifier(metrics);
      ServiceHelper.startService(metrics);
      // Camel judged at its start, with no notifier yet, that no event needs raising.
      app.context()
          .getCamelContextExtension()
          .setEventNotificationApplicable(EventHelper.eventsApplicable(app.context()));
      pipeline = app;
    }
    return pipeline;
  }

  @Override
  public synchronized void close() {
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
  }
}
