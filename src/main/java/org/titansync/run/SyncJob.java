package org.titansync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;
import org.titansync.plan.Change;
import org.titansync.plan.Plan;
import org.titansync.plan.Planner;
import org.titansync.plan.Snapshot;
import org.titansync.report.ReportModel;
import org.titansync.report.ReportWriter;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * The steps of a sync around the apply route: read the file, read Titan once, plan, guard, write
 * the plan; then, after apply, write the result and reports. Free of Camel, so the same job runs
 * under the one-shot command and the daemon.
 */
public final class SyncJob {
  private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

  private final SyncConfig config;
  private final TitanClient client;
  private final RunStore store;
  private final ReportWriter reports = new ReportWriter();

  public SyncJob(SyncConfig config, TitanClient client, RunStore store) {
    this.config = config;
    this.client = client;
    this.store = store;
  }

  public RunStore store() {
    return store;
  }

  public TitanClient client() {
    return client;
  }

  /** Starts reading the file and Titan side by side (see {@link Inputs}). */
  public Inputs startInputs(Path file) {
    return Inputs.start(file, config.rosterOptions(), client, config.missingForApi().isEmpty());
  }

  /** Everything before the first write. Never throws: failures end up in the context. */
  public RunContext prepare(SyncRequest request) {
    String runId = RunId.next();
    Path runDir;
    try {
      runDir = store.create(runId);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the run folder under " + store.runsDir(), e);
    }
    RunContext ctx = new RunContext(runId, runDir, request, now());
    org.slf4j.MDC.put("run_id", runId);
    try {
      LOG.info(
          "run {} started for {}{}", runId, request.file(), request.dryRun() ? " (dry run)" : "");
      copyInput(request.file(), runDir);
      Inputs inputs = request.inputs() != null ? request.inputs() : startInputs(request.file());
      Roster roster = inputs.roster();
      ctx.input(roster.dataRows(), roster.headers());
      List<String> missing = config.missingForApi();
      if (!missing.isEmpty()) {
        ctx.fail(RunStatus.REFUSED, configName() + ": " + String.join("; ", missing));
        return ctx;
      }
      Snapshot snapshot = inputs.snapshot();
      Plan plan = new Planner().plan(roster, snapshot, config.planOptions());
      ctx.plan(plan);
      reports.writePlan(store, runDir, summary(ctx));
      LOG.info(
          "run {} planned {} changes, {} row errors, {} conflicts",
          runId,
          plan.changes().size(),
          plan.errors().size(),
          plan.conflicts().size());
    } catch (RosterException e) {
      ctx.fail(RunStatus.REFUSED, e.getMessage());
    } catch (NoSuchFileException e) {
      ctx.fail(RunStatus.REFUSED, "file not found: " + e.getFile());
    } catch (TitanException e) {
      ctx.fail(
          e.kind() == TitanException.Kind.AUTH
                  || e.kind() == TitanException.Kind.UNREACHABLE
                  || e.kind() == TitanException.Kind.TRANSIENT
              ? RunStatus.UNREACHABLE
              : RunStatus.ERROR,
          e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.error("run {} failed", runId, e);
      ctx.fail(RunStatus.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      org.slf4j.MDC.remove("run_id");
    }
    return ctx;
  }

  /** Writes result.json and the reports and says how the run ended. Never throws. */
  public RunSummary finish(RunContext ctx) {
    RunSummary summary = summary(ctx);
    try {
      if (summary.status() == RunStatus.APPLIED
          || summary.status() == RunStatus.PARTIAL
          || summary.status() == RunStatus.NOTHING_TO_DO) {
        store.saveLastAccepted(
            new LastAccepted(
                ctx.runId(),
                ctx.request().file().toString(),
                ctx.dataRows(),
                ctx.headers(),
                summary.finishedAt()));
      }
      reports.writeResult(store, ctx.runDir(), summary);
    } catch (IOException | RuntimeException e) {
      LOG.error("run {}: could not write its reports", ctx.runId(), e);
    }
    if (ctx.applySeconds() >= 0) {
      LOG.info(
          "run {} applied its plan in {} s",
          ctx.runId(),
          String.format(java.util.Locale.ROOT, "%.2f", ctx.applySeconds()));
    }
    LOG.info("run {} ended: {}", ctx.runId(), summary.message());
    return summary;
  }

  /** The summary as it stands now. */
  public RunSummary summary(RunContext ctx) {
    RunStatus status = status(ctx);
    return new RunSummary(
        ctx.runId(),
        ctx.request().file().toString(),
        ctx.startedAt(),
        now(),
        status,
        ctx.request().dryRun(),
        ctx.plan(),
        Map.copyOf(ctx.outcomes()),
        List.copyOf(ctx.holdReasons()),
        message(ctx, status),
        List.copyOf(ctx.notes()));
  }

  private static RunStatus status(RunContext ctx) {
    if (ctx.failure() != null) {
      return ctx.failure();
    }
    if (ctx.held()) {
      return RunStatus.HELD;
    }
    if (ctx.request().dryRun()) {
      return RunStatus.DRY_RUN;
    }
    if (ctx.plan().isEmpty()) {
      return RunStatus.NOTHING_TO_DO;
    }
    for (Change c : ctx.plan().changes()) {
      ChangeOutcome o = ctx.outcomes().get(c.key());
      if (o == null || !ChangeOutcome.DONE.equals(o.state())) {
        return RunStatus.PARTIAL;
      }
    }
    return RunStatus.APPLIED;
  }

  private static String message(RunContext ctx, RunStatus status) {
    if (ctx.failure() != null) {
      return ctx.failureMessage();
    }
    Plan plan = ctx.plan();
    List<String> parts = new ArrayList<>();
    for (ReportModel.KindCount k : ReportModel.counts(dummy(ctx, status))) {
      String n =
          status == RunStatus.DRY_RUN || status == RunStatus.HELD
              ? String.valueOf(k.planned())
              : k.done()
                  + "/"
                  + k.planned()
                  + (k.failed() > 0 ? " (" + k.failed() + " failed)" : "");
      parts.add(k.kind() + " " + n);
    }
    String what = parts.isEmpty() ? "no changes" : String.join(", ", parts);
    String tail =
        (plan.errors().isEmpty() ? "" : "; " + plan.errors().size() + " row errors")
            + (plan.conflicts().isEmpty() ? "" : "; " + plan.conflicts().size() + " conflicts");
    return switch (status) {
      case DRY_RUN ->
          "dry run: would make " + plan.changes().size() + " changes (" + what + ")" + tail;
      case NOTHING_TO_DO -> "nothing to do: Titan already matches the file" + tail;
      case HELD ->
          "held by a guardrail: "
              + plan.changes().size()
              + " changes planned ("
              + what
              + "), nothing held was written"
              + tail;
      case APPLIED -> "applied " + plan.changes().size() + " changes (" + what + ")" + tail;
      case PARTIAL -> "some changes failed (" + what + ")" + tail;
      default -> status.label();
    };
  }

  private static RunSummary dummy(RunContext ctx, RunStatus status) {
    return new RunSummary(
        ctx.runId(),
        "",
        "",
        "",
        status,
        ctx.request().dryRun(),
        ctx.plan(),
        ctx.outcomes(),
        List.of(),
        "",
        List.of());
  }

  private String configName() {
    return config.configFile() == null ? "config" : config.configFile().toString();
  }

  /** A copy of the input in the run folder: what approve and revert plan from later. */
  private static void copyInput(Path file, Path runDir) throws IOException {
    Files.copy(file, runDir.resolve("input.csv"), StandardCopyOption.REPLACE_EXISTING);
  }

  static String now() {
    return OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
