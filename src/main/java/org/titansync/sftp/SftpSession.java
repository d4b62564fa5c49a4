package org.titansync.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.titansync.config.SyncConfig;

/**
 * One logged-in SFTP connection (JSch), with the operations the source and {@code doctor} need,
 * each on an absolute path. The login is made once, with one method (the key, or the password), and
 * JSch's {@code MaxAuthTries} of 1: a wrong secret costs one failed login per connection, never the
 * several that trip a district's lockout.
 */
public final class SftpSession implements AutoCloseable {
  private final Session session;
  private final ChannelSftp channel;
  private final String loginFolder;

  private SftpSession(Session session, ChannelSftp channel, String loginFolder) {
    this.session = session;
    this.channel = channel;
    this.loginFolder = loginFolder;
  }

  /** Connects, checks the host key against sftp.known_hosts and logs in, once. */
  public static SftpSession open(SyncConfig.Sftp sftp) throws SftpProblem {
    int timeoutMs = sftp.timeoutSeconds() * 1000;
    JSch jsch = new JSch();
    Session session = null;
    try {
      if (!Files.isReadable(sftp.knownHosts())) {
        throw new SftpProblem(
            SftpCause.HOST_KEY,
            "sftp.known_hosts "
                + sftp.knownHosts()
                + " cannot be read: put the server's host key there (ssh-keyscan -p "
                + sftp.port()
                + " "
                + sftp.host()
                + ", then compare the fingerprint with the server's administrator)");
      }
      jsch.setKnownHosts(sftp.knownHosts().toString());
      boolean key = sftp.privateKey() != null;
      if (key) {
        // With a key, the key alone is tried; sftp.password, when set, is its passphrase.
        if (sftp.password().isEmpty()) {
          jsch.addIdentity(sftp.privateKey().toString());
        } else {
          jsch.addIdentity(
              sftp.privateKey().toString(),
              sftp.password().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      session = jsch.getSession(sftp.username(), sftp.host(), sftp.port());
      if (!key) {
        session.setPassword(sftp.password().reveal());
      }
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", key ? "publickey" : "password");
      session.setConfig("MaxAuthTries", "1");
      session.setTimeout(timeoutMs);
      session.setServerAliveInterval(Math.min(timeoutMs, 15_000));
      session.connect(timeoutMs);
      ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
      channel.connect(timeoutMs);
      return new SftpSession(session, channel, channel.pwd());
    } catch (JSchException | SftpException e) {
      if (session != null) {
        session.disconnect();
      }
      throw connectProblem(sftp, e);
    }
  }

  /** The folder the server put the account in at login ("/" of a chroot, or a home folder). */
  public String loginFolder() {
    return loginFolder;
  }

  public boolean isConnected() {
    return session.isConnected() && channel.isConnected() && !channel.isClosed();
  }

  /** The entries of {@code folder} (without "." and ".."), as listed: links are not followed. */
  public List<RemoteEntry> list(String folder) throws SftpException {
    List<RemoteEntry> entries = new ArrayList<>();
    channel.ls(
        folder,
        e -> {
          String name = e.getFilename();
          if (!name.equals(".") && !name.equals("..")) {
            entries.add(entry(name, e.getAttrs()));
          }
          return ChannelSftp.LsEntrySelector.CONTINUE;
        });
    return entries;
  }

  /** The entry at {@code path}, itself (a link is not followed); null when there is none. */
  public RemoteEntry stat(String path) throws SftpException {
    try {
      SftpATTRS attrs = channel.lstat(path);
      return entry(path.substring(path.lastIndexOf('/') + 1), attrs);
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Streams {@code path} into {@code out}; never more than {@code maxBytes}, so that a file still
   * growing past what was listed is cut off instead of filling the disk.
   *
   * @return the bytes written, or -1 when the file held more than {@code maxBytes}
   */
  public long download(String path, OutputStream out, long maxBytes) throws SftpException {
    long[] count = {0};
    OutputStream bounded =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            count[0] += len;
            if (count[0] > maxBytes) {
              throw new GrewWhileRead();
            }
            out.write(b, off, len);
          }
        };
    try {
      channel.get(path, bounded);
    } catch (SftpException e) {
      if (e.getCause() instanceof GrewWhileRead) {
        return -1;
      }
      throw e;
    }
    return count[0];
  }

  /** Makes {@code folder} when it is not there. */
  public void ensureFolder(String folder) throws SftpException {
    RemoteEntry there = stat(folder);
    if (there == null) {
      channel.mkdir(folder);
    }
  }

  public void rename(String from, String to) throws SftpException {
    channel.rename(from, to);
  }

  public void delete(String path) throws SftpException {
    channel.rm(path);
  }

  /** Writes a small file (doctor's probe of the folder's write access). */
  public void write(String path, byte[] content) throws SftpException {
    channel.put(new ByteArrayInputStream(content), path);
  }

  @Override
  public void close() {
    channel.disconnect();
    session.disconnect();
  }

  /** The server's SFTP error in words, such as "permission denied". */
  public static String reason(SftpException e) {
    return switch (e.id) {
      case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or folder";
      case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
      default -> e.getMessage() == null ? "error " + e.id : e.getMessage();
    };
  }

  private static RemoteEntry entry(String name, SftpATTRS a) {
    RemoteEntry.Kind kind;
    if (a == null) {
      kind = RemoteEntry.Kind.OTHER;
    } else if (a.isLink()) {
      kind = RemoteEntry.Kind.LINK;
    } else if (a.isDir()) {
      kind = RemoteEntry.Kind.FOLDER;
    } else if (a.isReg()) {
      kind = RemoteEntry.Kind.FILE;
    } else {
      kind = RemoteEntry.Kind.OTHER;
    }
    return new RemoteEntry(
        name,
        kind,
        a == null ? -1 : a.getSize(),
        a == null ? 0 : Integer.toUnsignedLong(a.getMTime()));
  }

  /** The connection's failure as the cause an admin can act on, in one line with the fix. */
  static SftpProblem connectProblem(SyncConfig.Sftp sftp, Exception e) {
    String where = sftp.username() + "@" + sftp.host() + ":" + sftp.port();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (e instanceof JSchChangedHostKeyException) {
      return new SftpProblem(
          SftpCause.HOST_KEY,
          "the host key of "
              + sftp.host()
              + ":"
              + sftp.port()
              + " is not the one in sftp.known_hosts ("
              + sftp.knownHosts()
              + "): refused. If the server's administrator confirms a new key, replace the line"
              + " there",
          e);
    }
    if (e instanceof JSchUnknownHostKeyException || e instanceof JSchHostKeyException) {
      return new SftpProblem(
          SftpCause.HOST_KEY,
          "the host key of "
              + sftp.host()
              + ":"
              + sftp.port()
              + " is not in sftp.known_hosts ("
              + sftp.knownHosts()
              + "): refused. Add it (ssh-keyscan -p "
              + sftp.port()
              + " "
              + sftp.host()
              + ") after comparing its fingerprint with the server's administrator",
          e);
    }
    String text = String.valueOf(e.getMessage());
    if (text.startsWith("Auth fail") || text.startsWith("Auth cancel")) {
      return new SftpProblem(
          SftpCause.LOGIN,
          "the server refused the login of "
              + where
              + " with "
              + (sftp.privateKey() != null
                  ? "the key " + sftp.privateKey()
                  : "the password (sftp.password or TITAN_SYNC_SFTP_PASSWORD)")
              + ": check it with the server's administrator",
          e);
    }
    if (root instanceof ConnectException
        || root instanceof UnknownHostException
        || root instanceof NoRouteToHostException
        || root instanceof SocketTimeoutException
        || text.contains("timeout")) {
      return new SftpProblem(
          SftpCause.CONNECT,
          "cannot connect to " + sftp.host() + ":" + sftp.port() + ": " + oneLine(root),
          e);
    }
    if (e instanceof SftpException s) {
      return new SftpProblem(
          SftpCause.CONNECT, "the SFTP subsystem of " + where + " did not start: " + reason(s), e);
    }
    return new SftpProblem(
        SftpCause.CONNECT, "no SFTP session with " + where + ": " + oneLine(root), e);
  }

  static String oneLine(Throwable t) {
    String m = t.getMessage();
    String text = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Thrown inside a download that goes past the bytes allowed. */
  private static final class GrewWhileRead extends IOException {
    private static final long serialVersionUID = 1L;

    GrewWhileRead() {
      super("the file held more bytes than allowed");
    }
  }
}
