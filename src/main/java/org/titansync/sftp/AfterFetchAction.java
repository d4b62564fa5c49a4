package org.titansync.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;
import org.titansync.run.ShownName;

/**
 * {@code sftp.after_fetch}: what becomes of a remote file once its download is checked, before it
 * may enter the inbox. It is moved to a stamped name in {@code .fetched/} beside it (or deleted),
 * with its done-file, so that the next poll cannot take it twice. A server that refuses is told
 * once per file and remembered in {@link RefusedMoves}, so the file is not downloaded again until
 * it changes.
 */
final class AfterFetchAction {
  private static final Logger LOG = LoggerFactory.getLogger("org.titansync.daemon.sftp");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final SyncConfig.Sftp sftp;
  private final String doneSuffix;
  private final RefusedMoves refusedMoves;
  private final SftpStatus status;

  AfterFetchAction(
      SyncConfig.Sftp sftp, String doneSuffix, RefusedMoves refusedMoves, SftpStatus status) {
    this.sftp = sftp;
    this.doneSuffix = doneSuffix;
    this.refusedMoves = refusedMoves;
    this.status = status;
  }

  /**
   * Moves the remote file at {@code path} in {@code folder} to .fetched/ (or deletes it), with its
   * done-file. The new path ("" when deleted), or null when the server refused: then {@code
   * problems} names the file and why, for readiness.
   *
   * @throws SftpProblem when the connection broke off: the poll fails
   */
  String apply(
      SftpSession s, String folder, String path, RemoteEntry entry, Map<String, String> problems)
      throws SftpProblem {
    String fetchedDir = RemoteFolder.child(folder, RemoteFolder.FETCHED);
    String movedTo =
        sftp.afterFetch() == SyncConfig.AfterFetch.DELETE
            ? ""
            : RemoteFolder.child(
                fetchedDir,
                LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + "-" + entry.name());
    try {
      if (movedTo.isEmpty()) {
        s.delete(path);
      } else {
        s.ensureFolder(fetchedDir);
        s.rename(path, movedTo);
      }
    } catch (SftpException e) {
      if (!s.isConnected()) {
        throw new SftpProblem(
            SftpCause.MOVE, "the connection broke off while moving " + shown(path), e);
      }
      String why =
          shown(path)
              + (movedTo.isEmpty() ? " cannot be deleted" : " cannot be moved to " + fetchedDir)
              + " on the server ("
              + SftpSession.reason(e)
              + "): not taken into the inbox (tried again in 15 minutes); give "
              + sftp.username()
              + " write access to "
              + folder
              + (movedTo.isEmpty()
                  ? ""
                  : " and "
                      + fetchedDir
                      + " (or make "
                      + fetchedDir
                      + " yourself), or set sftp.after_fetch = \"delete\"");
      if (refusedMoves.refused(path, entry, why)) {
        status.fileFailed(SftpCause.MOVE);
        LOG.warn("SFTP: {}", why);
      }
      problems.put(path, why);
      return null;
    }
    if (!doneSuffix.isEmpty()) {
      moveDoneFile(s, path, movedTo, entry, problems);
    }
    return movedTo;
  }

  /** The done-file goes where its file went; one already gone is no problem. */
  private void moveDoneFile(
      SftpSession s, String path, String movedTo, RemoteEntry entry, Map<String, String> problems) {
    String done = path + doneSuffix;
    try {
      if (movedTo.isEmpty()) {
        s.delete(done);
      } else {
        s.rename(done, movedTo + doneSuffix);
      }
    } catch (SftpException e) {
      if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        String why =
            "the done-file "
                + shown(done)
                + " could not be moved away ("
                + SftpSession.reason(e)
                + "): remove it, or the next upload of "
                + shown(entry.name())
                + " may be taken before it is whole";
        problems.put(done, why);
        LOG.warn("SFTP: {}", why);
      }
    }
  }

  private static String shown(String text) {
    return ShownName.escape(text);
  }
}
