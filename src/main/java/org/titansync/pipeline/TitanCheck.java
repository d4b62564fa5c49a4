package org.titansync.pipeline;

import java.util.Optional;
import org.titansync.config.ConfigSource;
import org.titansync.config.SyncConfig;
import org.titansync.config.TitanSettings;
import org.titansync.guard.WindowEntry;
import org.titansync.run.RunPurpose;
import org.titansync.store.AuditLog;
import org.titansync.store.AuditRun;
import org.titansync.store.PastRun;

/**
 * A hold applies only to the Titan it was judged against, and an undo only to the Titan its run
 * wrote to: approving a run held against the sandbox must never write its removals to the
 * district's Titan. Titans are named as {@link TitanSettings#identity()} names them: the base URL,
 * or {@code sandbox} for the built-in sandbox (whose URL changes at every start).
 */
public final class TitanCheck {
  private TitanCheck() {}

  /** The Titan a command works against: the built-in sandbox with --sandbox, else the config's. */
  public static String of(SyncConfig config, boolean sandbox) {
    return sandbox ? TitanSettings.SANDBOX : config.titan().identity();
  }

  /** A Titan in words: "the built-in sandbox (--sandbox)", "the Titan at https://...". */
  public static String describe(String titan) {
    if (TitanSettings.SANDBOX.equals(titan)) {
      return "the built-in sandbox (--sandbox)";
    }
    return titan.isEmpty()
        ? "the config's Titan (titan.base_url is not set)"
        : "the Titan at " + titan;
  }

  /**
   * A titan-sync command against a Titan, ready to paste: {@code titan-sync approve RUN --sandbox
   * --config FILE}.
   *
   * @param what the command and its arguments, e.g. {@code approve 20261126-173621-9f3a}
   * @param configFile the config the run used
   */
  public static String command(String what, String titan, ConfigSource configFile) {
    return org.titansync.run.PastedCommand.of(what, titan, configFile);
  }

  /** The command against another Titan than this one: its base URL must be the config's. */
  private static String commandOn(String what, String titan, ConfigSource configFile) {
    return command(what, titan, configFile)
        + (TitanSettings.SANDBOX.equals(titan) || titan.isEmpty()
            ? ""
            : " (with titan.base_url = \"" + titan + "\" in that config)");
  }

  /**
   * Why a held run cannot be approved against {@code here}; empty when it can.
   *
   * @param configFile the config of the approve command, for the commands the message gives
   */
  public static Optional<String> approveRefusal(
      PastRun held, String here, ConfigSource configFile) {
    String judged = held.heldAgainst();
    if (judged == null) {
      String again =
          held.plansFrom() instanceof RunPurpose.Revert r
              ? command(
                  "revert " + r.runId() + (r.deleteCreated() ? " --delete-created" : ""),
                  here,
                  configFile)
              : command("sync " + held.inputCopy(), here, configFile);
      return Optional.of(
          "run "
              + held.runId()
              + " was held by an earlier version of titan-sync, which did not record the Titan it"
              + " was judged against, so it is not approved (it could be applied to another Titan)"
              + " and nothing was written. Plan it again against "
              + describe(here)
              + ", and approve that run if it is held: "
              + again);
    }
    if (judged.equals(here)) {
      return Optional.empty();
    }
    return Optional.of(
        "run "
            + held.runId()
            + " was held against "
            + describe(judged)
            + "; this approve would apply it to "
            + describe(here)
            + ", so it is refused and nothing was written to either. To approve it against the"
            + " Titan it was judged against: "
            + commandOn("approve " + held.runId(), judged, configFile));
  }

  /**
   * Why the undo of a run cannot be applied to {@code here}; empty when it can.
   *
   * @param audit the audit log as read, with its run lines
   * @param ledger the window's entries, which name the Titan of runs an earlier version made; empty
   *     when they cannot be read
   */
  static Optional<String> revertRefusal(
      RunPurpose.Revert r,
      AuditLog.Read audit,
      java.util.List<WindowEntry> ledger,
      String here,
      ConfigSource configFile) {
    Optional<AuditRun> line = audit.run(r.runId());
    if (line.isPresent()) {
      String wrote = line.get().titan();
      return wrote.equals(here)
          ? Optional.empty()
          : Optional.of(wrongTitan(r, wrote, here, commandOn(again(r), wrote, configFile)));
    }
    if (audit.entries().stream().noneMatch(e -> e.runId().equals(r.runId()))) {
      return Optional.empty(); // it wrote nothing: there is nothing to undo anywhere
    }
    // A run of an earlier version: its window entry named the Titan by its base URL.
    Optional<WindowEntry> entry =
        ledger.stream()
            .filter(e -> e.runId().equals(r.runId()) && !e.titan().isEmpty())
            .findFirst();
    if (entry.isEmpty()) {
      return Optional.of(
          "run "
              + r.runId()
              + " was made by an earlier version of titan-sync, which did not record the Titan it"
              + " wrote to, and the guardrails' window no longer names it: its undo could go to"
              + " another Titan, so it is refused and nothing was written. Undo it by hand from its"
              + " lines in the audit log (titan-sync explain EXTERNAL_ID shows a person's"
              + " changes); "
              + command(again(r) + " --dry-run", here, configFile)
              + " shows what the undo would be");
    }
    if (entry.get().wroteTo(here)) {
      return Optional.empty();
    }
    String wrote = loopback(entry.get()) ? TitanSettings.SANDBOX : entry.get().titan();
    return Optional.of(
        wrongTitan(r, entry.get().titan(), here, commandOn(again(r), wrote, configFile)));
  }

  private static String again(RunPurpose.Revert r) {
    return "revert " + r.runId() + (r.deleteCreated() ? " --delete-created" : "");
  }

  private static boolean loopback(WindowEntry e) {
    return e.wroteTo("http://127.0.0.1");
  }

  private static String wrongTitan(RunPurpose.Revert r, String wrote, String here, String right) {
    return "run "
        + r.runId()
        + " wrote to "
        + describe(wrote)
        + "; this revert would apply its undo to "
        + describe(here)
        + ", so it is refused and nothing was written to either. To revert it: "
        + right;
  }
}
