package org.titansync.pipeline;

import java.time.Instant;
import java.util.List;
import org.titansync.config.GuardrailsSettings;
import org.titansync.config.SyncConfig;
import org.titansync.guard.FileFormat;
import org.titansync.guard.Guardrails;
import org.titansync.guard.Limits;
import org.titansync.guard.PrivilegedRoles;
import org.titansync.guard.Verdict;
import org.titansync.guard.Window;
import org.titansync.roster.ExportFormat;
import org.titansync.roster.RosterOptions;
import org.titansync.run.Planned;
import org.titansync.run.RunContext;
import org.titansync.run.RunStatus;
import org.titansync.run.RunStopped;
import org.titansync.store.StateFolder;
import org.titansync.store.TitanMemory;
import org.titansync.store.WindowLedger;

/** The config as the stages of a run read it: the guardrails, the file's format, commands shown. */
public final class RunSettings {
  private final SyncConfig config;

  public RunSettings(SyncConfig config) {
    this.config = config;
  }

  public SyncConfig config() {
    return config;
  }

  Guardrails guardrails() {
    GuardrailsSettings g = config.guardrails();
    return new Guardrails(
        new Limits(
            g.maxRemovals(),
            g.maxRemovalPercent(),
            g.maxUpdatePercent(),
            g.minRowsPercentOfLast(),
            g.holdOnVanishedSite(),
            g.holdOnHeaderChange(),
            g.holdScope() == GuardrailsSettings.HoldScope.REMOVALS,
            privilegedRoles(),
            g.maxPrivilegedChanges(),
            g.maxRoleChangePercent(),
            g.maxCreations(),
            g.maxCreationPercent(),
            g.maxDomainMovePercent(),
            g.windowHours(),
            config.csv().columns(),
            g.holdOnLastPrivilegedHolder(),
            g.holdOnPrivilegedEmailChange(),
            g.holdOnLookAlikePrivilegedName(),
            g.siteLastHolderRoles()));
  }

  PrivilegedRoles privilegedRoles() {
    return new PrivilegedRoles(config.guardrails().privilegedRoles());
  }

  /** The window's memory in the logs folder. */
  WindowLedger ledger(StateFolder store) {
    return new WindowLedger(store, privilegedRoles());
  }

  /** What titan-sync remembers of this config's Titan, in the logs folder. */
  TitanMemory memory(StateFolder store) {
    return new TitanMemory(store, config.titan().identity());
  }

  /**
   * The runs of the guardrails' window as they stand now, for this Titan.
   *
   * @param keep the run holds the run lock: what the audit log told is kept in the ledger
   * @throws WindowLedger.Unreadable when the ledger, or the audit log it needs, cannot be read
   */
  Window window(StateFolder store, boolean keep) throws WindowLedger.Unreadable {
    String titan = config.titan().identity();
    return Window.of(
        config.guardrails().windowHours(),
        ledger(store).entries(store.audit(), keep).stream().filter(e -> e.wroteTo(titan)).toList(),
        Instant.now().getEpochSecond());
  }

  /**
   * How a file was read, as the header check compares it. The reader's quote is always {@code "};
   * the six-column CSV's delimiter and role separator come from [csv]; a package is read with
   * commas, one role a row, and is compared by its kind, version and mapping too.
   */
  FileFormat fileFormat(ExportFormat read) {
    RosterOptions o = config.rosterOptions();
    if (read == null || read.kind() == ExportFormat.Kind.CSV) {
      return new FileFormat(
          String.valueOf(o.delimiter()), "\"", config.csv().encodingName(), o.roleSeparator());
    }
    return new FileFormat(
        ",", "\"", o.encoding().name(), null, read.kind().id(), read.version(), read.mapping());
  }

  /** The verdict with the command that approves this run and the holders of privileged roles. */
  Verdict withApprove(RunContext ctx, Planned planned, Verdict v) {
    return v.withApproveCommand(approveCommand(ctx.runId())).withHolders(planned.holders());
  }

  /**
   * The approve command with the same --config the run used (and --sandbox when it ran against the
   * built-in sandbox), ready to paste.
   */
  String approveCommand(String runId) {
    return TitanCheck.command("approve " + runId, config.titan().identity(), config.source());
  }

  /**
   * Ends the run, refused and why, when a setting needed to reach Titan is missing.
   *
   * @throws RunStopped naming the config file and what it lacks
   */
  void requireTitan() throws RunStopped {
    List<String> missing = config.missingForApi();
    if (!missing.isEmpty()) {
      throw new RunStopped(
          RunStatus.REFUSED,
          (config.configFile() == null ? "config" : config.configFile().toString())
              + ": not set, and needed to reach Titan: "
              + String.join("; ", missing));
    }
  }
}
