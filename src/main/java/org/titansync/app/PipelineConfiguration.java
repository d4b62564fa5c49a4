package org.titansync.app;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.titansync.apply.Applier;
import org.titansync.config.SyncConfig;
import org.titansync.logging.RunIdLogging;
import org.titansync.notify.Notifier;
import org.titansync.notify.SmtpLogin;
import org.titansync.pipeline.ApproveStage;
import org.titansync.pipeline.GuardStage;
import org.titansync.pipeline.HoldStage;
import org.titansync.pipeline.PlanStage;
import org.titansync.pipeline.ReadExportStage;
import org.titansync.pipeline.ReadMemoryStage;
import org.titansync.pipeline.ReadTitanStage;
import org.titansync.pipeline.ReadyStage;
import org.titansync.pipeline.ReportStage;
import org.titansync.pipeline.RequestStage;
import org.titansync.pipeline.RevertStage;
import org.titansync.pipeline.RunEnd;
import org.titansync.pipeline.RunFailure;
import org.titansync.pipeline.RunPath;
import org.titansync.pipeline.RunSettings;
import org.titansync.pipeline.StartStage;
import org.titansync.plan.TitanPort;
import org.titansync.store.StateFolder;

/**
 * The beans the pipeline's routes name (sync, apply, notify), bound in one place as Camel Main's
 * configuration classes do: each stage of routes/sync.camel.yaml under its own name. Built by
 * {@link TitanSyncApp} from the run's config; the daemon's own beans are bound by {@link
 * DaemonConfiguration}.
 */
@Configuration
public final class PipelineConfiguration implements CamelConfiguration {
  /** The thread pool profile of the apply route's workers. */
  static final String APPLY_POOL = "titan-apply";

  /** The thread pool profile of the plan-file route's reads side by side. */
  static final String READ_POOL = "titan-read";

  /**
   * How long a pool's thread outlives its last task. Short: a district's pipeline idles for most of
   * its life, and with hundreds of districts in one process ({@code run --districts}) every idle
   * thread kept is a stack kept; a thread costs far less to start than a run takes.
   */
  static final long IDLE_THREAD_SECONDS = 2;

  /**
   * How many persons the apply route's split hands out ahead of each worker: each is a copy of the
   * run's exchange, small, and enough that the workers never run dry while one of them hands out.
   */
  static final int QUEUED_PER_WORKER = 8;

  private final SyncConfig config;
  private final RunSettings settings;
  private final TitanPort titan;
  private final StateFolder store;
  private final Applier applier;

  PipelineConfiguration(SyncConfig config, TitanPort titan, StateFolder store, Applier applier) {
    this.config = config;
    this.settings = new RunSettings(config);
    this.titan = titan;
    this.store = store;
    this.applier = applier;
  }

  /** Stages start and lock (routes/sync.camel.yaml). */
  @BindToRegistry("startStage")
  public StartStage startStage() {
    return new StartStage(config, store);
  }

  /** Stages keep-export, read-export and keep-read (route plan-file). */
  @BindToRegistry("readExportStage")
  public ReadExportStage readExportStage() {
    return new ReadExportStage(settings, store);
  }

  /** Stage read-titan (route plan-file). */
  @BindToRegistry("readTitanStage")
  public ReadTitanStage readTitanStage() {
    return new ReadTitanStage(settings, titan);
  }

  /** What the routes ask of the run's values to choose its path. */
  @BindToRegistry("runPath")
  public RunPath runPath() {
    return new RunPath();
  }

  /** Stage read-memory (route plan-file). */
  @BindToRegistry("readMemoryStage")
  public ReadMemoryStage readMemoryStage() {
    return new ReadMemoryStage(settings, store);
  }

  /** Stages reads and plan (route plan-file). */
  @BindToRegistry("planStage")
  public PlanStage planStage() {
    return new PlanStage(settings);
  }

  /** Stage guard. */
  @BindToRegistry("guardStage")
  public GuardStage guardStage() {
    return new GuardStage(settings, store);
  }

  /** Stages approvable and approve. */
  @BindToRegistry("approveStage")
  public ApproveStage approveStage() {
    return new ApproveStage(settings, store);
  }

  /** Stages plan-revert, plan-undo-again and guard-undo. */
  @BindToRegistry("revertStage")
  public RevertStage revertStage() {
    return new RevertStage(settings, titan, store);
  }

  /** Stage record-hold (route held). */
  @BindToRegistry("holdStage")
  public HoldStage holdStage() {
    return new HoldStage(settings, store);
  }

  /** Stage ready. */
  @BindToRegistry("readyStage")
  public ReadyStage readyStage() {
    return new ReadyStage(settings, store);
  }

  /** Stage record-request (route run-end). */
  @BindToRegistry("requestStage")
  public RequestStage requestStage() {
    return new RequestStage(store);
  }

  /** Stages record-plan and report (route run-end). */
  @BindToRegistry("reportStage")
  public ReportStage reportStage() {
    return new ReportStage(new RunEnd(settings, store));
  }

  /** Step run-failed (routeConfiguration run-failed): how a failure ends the run. */
  @BindToRegistry("runFailure")
  public RunFailure runFailure() {
    return new RunFailure();
  }

  /** The steps of one write (routes/apply.camel.yaml). */
  @BindToRegistry("applier")
  public Applier applier() {
    return applier;
  }

  /** The steps of routes/notify.camel.yaml. */
  @BindToRegistry("notifier")
  public Notifier notifier() {
    return new Notifier(config, store);
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
    camelContext.getExecutorServiceManager().registerThreadPoolProfile(applyPool());
    camelContext.getExecutorServiceManager().registerThreadPoolProfile(readPool());
  }

  /**
   * The apply route's workers (routes/apply.camel.yaml, {@code executorService: titan-apply}):
   * {@code titan.max_concurrency} of them, and a queue of the persons the split has handed out
   * ahead of them ({@link #QUEUED_PER_WORKER} for each worker). Camel makes the pool when the route
   * starts and shuts it down with the route.
   *
   * <p>The queue is what keeps every worker busy. Camel's parallel split hands out the next person
   * from a task on this same pool; without a queue ({@code maxQueueSize} 0 or -1 give a direct
   * hand-off), a full pool runs that task on the worker that tried to hand it out (CallerRuns),
   * which then writes for the next person itself and hands out nothing more until its own write is
   * answered, while the workers that are done wait idle. With the queue, the handing out runs ahead
   * of the writes by at most the queue; a queue that is full still runs one person on the worker
   * that hands out, so the writes in flight never pass the pool's size.
   */
  ThreadPoolProfile applyPool() {
    int workers = config.titan().maxConcurrency();
    return new ThreadPoolProfileBuilder(APPLY_POOL)
        .poolSize(workers)
        .maxPoolSize(workers)
        .maxQueueSize(workers * QUEUED_PER_WORKER)
        .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
        .keepAliveTime(IDLE_THREAD_SECONDS, TimeUnit.SECONDS)
        .allowCoreThreadTimeOut(true)
        .build();
  }

  /**
   * The plan-file route's reads side by side (routes/sync.camel.yaml, the multicast {@code read},
   * {@code executorService: titan-read}): one thread for each of the three reads and one for the
   * multicast's own task that hands them out, all gone soon after the run. Camel's default profile
   * would keep ten for a minute, in every district's pipeline.
   */
  ThreadPoolProfile readPool() {
    return new ThreadPoolProfileBuilder(READ_POOL)
        .poolSize(4)
        .maxPoolSize(4)
        .maxQueueSize(-1)
        .keepAliveTime(IDLE_THREAD_SECONDS, TimeUnit.SECONDS)
        .allowCoreThreadTimeOut(true)
        .build();
  }
}
