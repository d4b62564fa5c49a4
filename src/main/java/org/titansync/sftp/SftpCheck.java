package org.titansync.sftp;

import com.jcraft.jsch.SftpException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.titansync.config.SyncConfig;

/**
 * {@code doctor}'s check of {@code [sftp]}: connects as the daemon would (host key, one login),
 * lists the folder, and checks that a file can be made there and moved to {@code .fetched/} (or
 * deleted), with a probe file of its own under a hidden name the daemon never fetches. Each failure
 * comes with its fix.
 */
public final class SftpCheck {
  /** One line of doctor's answer. */
  public record Finding(boolean ok, String text) {}

  private SftpCheck() {}

  public static List<Finding> run(SyncConfig.Sftp sftp, long maxBytes) {
    List<Finding> found = new ArrayList<>();
    String where = sftp.username() + "@" + sftp.host() + ":" + sftp.port();
    try (SftpSession session = SftpSession.open(sftp)) {
      found.add(
          new Finding(
              true,
              "SFTP: "
                  + where
                  + " shows the host key of sftp.known_hosts and accepts the login (login folder "
                  + session.loginFolder()
                  + ")"));
      String folder = RemoteFolder.resolve(sftp.remoteDir(), session.loginFolder());
      List<RemoteEntry> entries;
      try {
        entries = session.list(folder);
      } catch (SftpException e) {
        found.add(
            new Finding(
                false,
                "SFTP: cannot list "
                    + folder
                    + " ("
                    + SftpSession.reason(e)
                    + "): set sftp.remote_dir to the folder the SIS uploads to (absolute, or"
                    + " relative to the login folder "
                    + session.loginFolder()
                    + "), and give "
                    + sftp.username()
                    + " read access to it"));
        return found;
      }
      long files = entries.stream().filter(e -> e.kind() == RemoteEntry.Kind.FILE).count();
      found.add(new Finding(true, "SFTP: " + folder + " lists " + files + " file(s)"));
      for (RemoteEntry e : entries) {
        if (e.kind() == RemoteEntry.Kind.FILE && e.size() > maxBytes) {
          found.add(
              new Finding(
                  false,
                  "SFTP: "
                      + RemoteFolder.child(folder, e.name())
                      + " is "
                      + e.size()
                      + " bytes, more than [csv] max_file_mb: the daemon will not fetch it"));
        }
      }
      found.add(probe(session, sftp, folder));
    } catch (SftpProblem p) {
      found.add(new Finding(false, "SFTP: " + p.getMessage()));
    }
    return found;
  }

  /** Makes a file and moves it to .fetched/ (or deletes it), as the daemon does with exports. */
  private static Finding probe(SftpSession session, SyncConfig.Sftp sftp, String folder) {
    String probe =
        RemoteFolder.child(folder, ".titan-sync-doctor-" + ProcessHandle.current().pid());
    boolean delete = sftp.afterFetch() == SyncConfig.AfterFetch.DELETE;
    String fetched = RemoteFolder.child(folder, RemoteFolder.FETCHED);
    String step = "create a file in " + folder;
    try {
      session.write(probe, "titan-sync doctor\n".getBytes(StandardCharsets.UTF_8));
      if (delete) {
        step = "delete a file in " + folder;
        session.delete(probe);
        return new Finding(true, "SFTP: fetched files can be deleted from " + folder);
      }
      step = "make " + fetched;
      session.ensureFolder(fetched);
      String moved =
          RemoteFolder.child(fetched, ".titan-sync-doctor-" + ProcessHandle.current().pid());
      step = "move a file from " + folder + " to " + fetched;
      session.rename(probe, moved);
      session.delete(moved);
      return new Finding(true, "SFTP: fetched files can be moved to " + fetched);
    } catch (SftpException e) {
      try {
        session.delete(probe);
      } catch (SftpException ignored) {
        // Never made, or already moved.
      }
      return new Finding(
          false,
          "SFTP: cannot "
              + step
              + " ("
              + SftpSession.reason(e)
              + "): the daemon would leave every file on the server. Give "
              + sftp.username()
              + " write access to "
              + folder
              + (delete ? "" : " (and " + fetched + ", or make it for the account)")
              + (delete ? "" : ", or set sftp.after_fetch = \"delete\""));
    }
  }
}
