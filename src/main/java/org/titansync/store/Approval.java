package org.titansync.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.Optional;
import org.titansync.run.ShownName;
import org.titansync.run.ShownTime;

/**
 * Who approved a held run, and when: {@code approval.json} in the held run's folder. Its presence
 * means the approval was used; a run is approved once.
 *
 * @param runId the held run
 * @param approvedBy the operating-system user who ran {@code approve}
 * @param host the machine it ran on
 * @param approvedAt when, ISO-8601 with offset
 * @param approvalRunId the run that applied the approved plan
 * @param by the person who approved, as {@code approve --by} named them (a shared service account
 *     is always the same operating-system user); null or empty when not given
 * @param comment {@code approve --comment}: why it was approved; null or empty when not given
 */
public record Approval(
    String runId,
    String approvedBy,
    String host,
    String approvedAt,
    String approvalRunId,
    String by,
    String comment) {

  public static final String FILE = "approval.json";

  /** An approval by whoever runs this process, now. */
  public static Approval now(String heldRunId, String approvalRunId, String by, String comment) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return new Approval(
        heldRunId,
        System.getProperty("user.name"),
        host,
        StateFolder.now(),
        approvalRunId,
        by == null ? "" : by,
        comment == null ? "" : comment);
  }

  /** The approval recorded in a run folder, if any. */
  public static Optional<Approval> read(StateFolder store, Path runDir) throws IOException {
    return StoreJson.read(runDir.resolve(FILE), Approval.class);
  }

  /**
   * Records this approval in the held run's folder, unless one is there already: the file is
   * created exclusively, so two approvals racing cannot both win.
   *
   * @return false when the run had been approved already
   */
  public boolean claim(StateFolder store, Path heldDir) throws IOException {
    try {
      Files.write(
          heldDir.resolve(FILE),
          StoreJson.file(this),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      OwnerOnly.restrictFile(heldDir.resolve(FILE));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * "titan-sync (as Dana Reyes) on build-01 at 2026-11-26 18:30:00 Europe/Paris (run ...): "checked
   * with the principals"", the time in the machine's zone.
   */
  public String describe() {
    return describe(ZoneId.systemDefault());
  }

  /**
   * The same, the time in {@code zone}, with the zone named ({@link ShownTime}, as everywhere a
   * time is shown); what the operator typed (--by, --comment) with its control characters escaped.
   */
  public String describe(ZoneId zone) {
    return approvedBy
        + (by == null || by.isEmpty() ? "" : " (as " + ShownName.escape(by) + ")")
        + " on "
        + host
        + " at "
        + ShownTime.of(approvedAt, zone)
        + (approvalRunId == null || approvalRunId.isEmpty() ? "" : " (run " + approvalRunId + ")")
        + (comment == null || comment.isEmpty() ? "" : ": \"" + ShownName.escape(comment) + "\"");
  }
}
