package org.titansync.app;

import java.util.Properties;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.titansync.apply.Applier;
import org.titansync.config.SyncConfig;
import org.titansync.logging.RunIdLogging;
import org.titansync.notify.Notifier;
import org.titansync.notify.SmtpLogin;
import org.titansync.run.ApproveStage;
import org.titansync.run.GuardStage;
import org.titansync.run.HoldStage;
import org.titansync.run.PlanStage;
import org.titansync.run.ReadRosterStage;
import org.titansync.run.ReadyStage;
import org.titansync.run.RequestStage;
import org.titansync.run.RevertStage;
import org.titansync.run.RunReporting;
import org.titansync.run.SnapshotStage;
import org.titansync.run.StartStage;
import org.titansync.run.SyncJob;

/**
 * The beans the pipeline's routes name (sync, apply, notify), bound in one place as Camel Main's
 * configuration classes do. Built by {@link TitanSyncApp} from the run's config; the daemon's own
 * beans are bound by {@link DaemonConfiguration}.
 */
@Configuration
public final class PipelineConfiguration implements CamelConfiguration {
  private final SyncConfig config;
  private final SyncJob job;
  private final Applier applier;
  private final ExecutorService applyPool;

  PipelineConfiguration(
      SyncConfig config, SyncJob job, Applier applier, ExecutorService applyPool) {
    this.config = config;
    this.job = job;
    this.applier = applier;
    this.applyPool = applyPool;
  }

  /** Stage start, and release (routes/sync.camel.yaml). */
  @BindToRegistry("startStage")
  public StartStage startStage() {
    return job.start();
  }

  /** Stage read-roster. */
  @BindToRegistry("readRosterStage")
  public ReadRosterStage readRosterStage() {
    return job.readRoster();
  }

  /** Stage snapshot. */
  @BindToRegistry("snapshotStage")
  public SnapshotStage snapshotStage() {
    return job.snapshot();
  }

  /** Stage plan. */
  @BindToRegistry("planStage")
  public PlanStage planStage() {
    return job.plan();
  }

  /** Stage guard. */
  @BindToRegistry("guardStage")
  public GuardStage guardStage() {
    return job.guard();
  }

  /** Stage approve. */
  @BindToRegistry("approveStage")
  public ApproveStage approveStage() {
    return job.approve();
  }

  /** Stages plan-revert and guard-undo. */
  @BindToRegistry("revertStage")
  public RevertStage revertStage() {
    return job.revert();
  }

  /** Stage record-hold (route held). */
  @BindToRegistry("holdStage")
  public HoldStage holdStage() {
    return job.hold();
  }

  /** Stage ready. */
  @BindToRegistry("readyStage")
  public ReadyStage readyStage() {
    return job.ready();
  }

  /** Stage record-request. */
  @BindToRegistry("requestStage")
  public RequestStage requestStage() {
    return job.request();
  }

  /** Stages record-plan and report (report.ReportStage). */
  @BindToRegistry("reportStage")
  public RunReporting reportStage() {
    return job.reporting();
  }

  /** The steps of one write (routes/apply.camel.yaml). */
  @BindToRegistry("applier")
  public Applier applier() {
    return applier;
  }

  /** The apply route's workers, titan.max_concurrency of them. */
  @BindToRegistry("applyPool")
  public ExecutorService applyPool() {
    return applyPool;
  }

  /** The steps of routes/notify.camel.yaml. */
  @BindToRegistry("notifier")
  public Notifier notifier() {
    return new Notifier(config, job.store());
  }

  /** camel-mail's login: the password stays out of the endpoint's URI. */
  @BindToRegistry("mailLogin")
  public SmtpLogin mailLogin() {
    return new SmtpLogin(config.email().username(), config.email().password());
  }

  /** JavaMail properties for STARTTLS (see {@link Notifier#javaMailProperties}). */
  @BindToRegistry("mailProperties")
  public Properties mailProperties() {
    return Notifier.javaMailProperties(config.email());
  }

  /** The mail session, without an authenticator (see {@link Notifier#session}). */
  @BindToRegistry("mailSession")
  public jakarta.mail.Session mailSession() {
    return Notifier.session(config.email());
  }

  /**
   * The run id in the log lines of every step ({@link RunIdLogging}), the apply workers' too. Added
   * to the context here rather than bound: Camel looks up intercept strategies in the registry
   * before configuration classes bind their beans, and the routes are built after this.
   */
  @Override
  public void configure(CamelContext camelContext) {
    camelContext.getCamelContextExtension().addInterceptStrategy(new RunIdLogging());
  }
}
