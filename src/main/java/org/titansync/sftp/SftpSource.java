package org.titansync.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.SyncConfig;
import org.titansync.run.ShownName;
import org.titansync.store.OwnerOnly;

/**
 * The SFTP source (routes/sftp.camel.yaml calls {@link #poll} on a timer): copies whole files from
 * {@code sftp.remote_dir} into the inbox. A file is taken into the inbox only once it is moved to
 * {@code .fetched/} (or deleted) on the server: downloaded under a hidden name, checked against the
 * listing, moved on the server ({@link AfterFetchAction}), and only then renamed into the inbox. A
 * file that cannot be moved never reaches the inbox and is not downloaded again until it changes;
 * readiness names it.
 *
 * <p>{@link #poll} never throws, an {@link Error} included: a failed poll is one WARN line (via
 * {@link SftpStatus}). Each poll logs in anew (one attempt) and lists the folder by its absolute
 * path, so no session can stall in the wrong folder.
 */
public final class SftpSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.titansync.daemon.sftp");
  private static final String PART = ".sftp-part";

  private final SyncConfig.Sftp sftp;
  private final Path inbox;
  private final long maxBytes;
  private final SftpStatus status;
  private final RemoteFileFilter filter;

  private final RefusedMoves refusedMoves;
  private final AfterFetchAction afterFetch;
  private final FetchedWatch fetchedWatch;
  private final Set<String> toldOnce = new HashSet<>();
  private SftpSession session;
  private String folder;
  private String folderTold;

  /**
   * @param ignored names never fetched (temporary and hidden names: the inbox's own list)
   * @param quietMillis how long a file must look the same before it is fetched
   * @param maxBytes [csv] max_file_mb: a larger file is not downloaded
   */
  public SftpSource(
      SyncConfig.Sftp sftp,
      String doneSuffix,
      Pattern ignored,
      long quietMillis,
      long maxBytes,
      Path inbox,
      SftpStatus status,
      LongSupplier nanoClock) {
    this.sftp = sftp;
    this.inbox = inbox;
    this.maxBytes = maxBytes;
    this.status = status;
    this.refusedMoves = new RefusedMoves(nanoClock);
    this.afterFetch = new AfterFetchAction(sftp, doneSuffix, refusedMoves, status);
    this.fetchedWatch = new FetchedWatch(nanoClock);
    this.filter =
        new RemoteFileFilter(
            ignored, doneSuffix, maxBytes, quietMillis, sftp.stablePolls(), nanoClock);
    removeLeftoverParts();
  }

  /** One poll. Never throws. */
  public synchronized void poll() {
    if (!status.mayPoll()) {
      return;
    }
    try {
      status.pollWorked(pollOnce());
      // A new session at every poll: the login folder is where the server puts the account at
      // login (internal-sftp -d, a home folder), and a session opened while that folder could not
      // be entered starts elsewhere and would stay there for good.
      drop();
    } catch (SftpProblem problem) {
      drop();
      status.pollFailed(problem);
    } catch (Throwable unexpected) { // NOPMD: an Error must not stop the poller for good
      drop();
      status.pollFailed(
          new SftpProblem(
              SftpCause.ERROR,
              SftpSession.oneLine(unexpected)
                  + " ("
                  + unexpected.getClass().getName()
                  + "); the next poll runs as usual",
              unexpected));
    }
  }

  @Override
  public synchronized void close() {
    drop();
  }

  private Map<String, String> pollOnce() throws SftpProblem {
    SftpSession s = connected();
    List<RemoteEntry> entries;
    try {
      entries = new ArrayList<>(s.list(folder));
    } catch (SftpException e) {
      throw new SftpProblem(
          SftpCause.FOLDER,
          "cannot list "
              + folder
              + " on "
              + sftp.host()
              + ": "
              + SftpSession.reason(e)
              + (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE
                  ? " (sftp.remote_dir \""
                      + sftp.remoteDir()
                      + "\"; the login folder is "
                      + s.loginFolder()
                      + ")"
                  : "; give " + sftp.username() + " read access to it"),
          e);
    }
    entries.sort(
        Comparator.comparingLong(RemoteEntry::mtimeSeconds).thenComparing(RemoteEntry::name));
    Set<String> names = new HashSet<>();
    entries.forEach(e -> names.add(e.name()));
    Map<String, String> problems = new TreeMap<>();
    Set<String> keys = new HashSet<>();
    for (RemoteEntry entry : entries) {
      String path = RemoteFolder.child(folder, entry.name());
      keys.add(path);
      switch (filter.judge(path, entry, names)) {
        case SKIP, WAIT -> {}
        case NOT_REGULAR ->
            once(
                path,
                () ->
                    LOG.warn(
                        "SFTP: {} is not a regular file (a link, say): not fetched; titan-sync"
                            + " never follows links",
                        shown(path)));
        case TOO_BIG -> {
          String why =
              shown(path)
                  + " is "
                  + entry.size()
                  + " bytes, more than [csv] max_file_mb = "
                  + maxBytes / (1024 * 1024)
                  + ": not downloaded; remove it from the server, or raise max_file_mb";
          problems.put(path, why);
          once(
              path + "@" + entry.signature(),
              () -> {
                status.fileFailed(SftpCause.TOO_BIG);
                LOG.warn("SFTP: {}", why);
              });
        }
        case READY -> take(s, path, entry, problems);
      }
    }
    watchFetched(s, keys);
    filter.keepOnly(keys);
    refusedMoves.keepOnly(keys);
    toldOnce.removeIf(k -> keys.stream().noneMatch(k::startsWith));
    return problems;
  }

  /** Downloads, moves on the server, and only then puts the file into the inbox. */
  private void take(SftpSession s, String path, RemoteEntry entry, Map<String, String> problems)
      throws SftpProblem {
    String refused = refusedMoves.stillRefused(path, entry);
    if (refused != null) {
      problems.put(path, refused);
      return;
    }
    Path target = inboxPath(path, entry.name());
    if (target == null) {
      return;
    }
    Path part = inbox.resolve("." + entry.name() + PART);
    try {
      if (!download(s, path, entry, part)) {
        return;
      }
      String movedTo = afterFetch.apply(s, folder, path, entry, problems);
      if (movedTo == null) {
        return;
      }
      land(part, target, entry);
      LOG.info(
          "SFTP: fetched {} ({} bytes) into the inbox; {} on the server",
          shown(path),
          entry.size(),
          movedTo.isEmpty() ? "deleted" : "moved to " + shown(movedTo));
      if (!movedTo.isEmpty()) {
        fetchedWatch.taken(movedTo, entry);
      }
    } finally {
      deleteQuietly(part);
    }
  }

  /**
   * The files moved to .fetched/ that changed since ({@link FetchedWatch}): the whole copy of each
   * is fetched into the inbox once it settles, so the end of the upload is not lost on the server.
   */
  private void watchFetched(SftpSession s, Set<String> keys) throws SftpProblem {
    for (FetchedWatch.Grown grown : fetchedWatch.changed(s, keys)) {
      String path = grown.path();
      RemoteEntry entry = grown.entry();
      once(
          path + "@grew",
          () -> {
            status.fileFailed(SftpCause.INCOMPLETE);
            LOG.warn(
                "SFTP: {} changed on the server after it was taken ({} is now {} bytes): the SIS"
                    + " was still writing it. Its whole copy is fetched into the inbox once it"
                    + " settles. To rule this out, have the SIS write a done-file"
                    + " (daemon.done_suffix) or upload under a temporary name and rename",
                shown(grown.name()),
                shown(path),
                entry.size());
          });
      if (entry.size() > maxBytes || !filter.settled(path, entry.signature())) {
        continue;
      }
      Path target = inboxPath(path, grown.name());
      if (target == null) {
        continue;
      }
      Path part = inbox.resolve("." + grown.name() + PART);
      try {
        if (download(s, path, entry, part)) {
          land(part, target, entry);
          fetchedWatch.refetched(grown);
          toldOnce.remove(path + "@grew");
          LOG.info(
              "SFTP: fetched the whole {} ({} bytes) from {} into the inbox",
              shown(grown.name()),
              entry.size(),
              shown(path));
        }
      } finally {
        deleteQuietly(part);
      }
    }
  }

  /** The inbox file for a remote file; null (told once) while that name is taken or unusable. */
  private Path inboxPath(String path, String name) {
    Path target;
    try {
      target = inbox.resolve(name);
    } catch (InvalidPathException e) {
      once(path, () -> LOG.warn("SFTP: {} cannot be a file name here: not fetched", shown(path)));
      return null;
    }
    if (!target.getParent().equals(inbox)) {
      return null;
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      once(
          path + "@waits",
          () ->
              LOG.info(
                  "SFTP: {} waits on the server: a file of that name is still in the inbox",
                  shown(path)));
      return null;
    }
    toldOnce.remove(path + "@waits");
    return target;
  }

  /**
   * Streams the file into {@code part} (never into memory) and checks it against the listing: as
   * many bytes as listed, and the same size and time on the server afterwards. False when it
   * changed meanwhile: it must settle again.
   */
  private boolean download(SftpSession s, String path, RemoteEntry entry, Path part)
      throws SftpProblem {
    long got;
    try {
      OwnerOnly.newFile(part);
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(part, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
        got = s.download(path, out, entry.size());
      }
    } catch (SftpException e) {
      if (!s.isConnected()) {
        throw new SftpProblem(
            SftpCause.DOWNLOAD,
            "the connection broke off during the download of " + shown(path),
            e);
      }
      throw new SftpProblem(
          SftpCause.DOWNLOAD,
          "the download of " + shown(path) + " failed: " + SftpSession.reason(e),
          e);
    } catch (IOException e) {
      throw new SftpProblem(
          SftpCause.INBOX,
          "cannot write into the inbox " + inbox + ": " + SftpSession.oneLine(e),
          e);
    }
    RemoteEntry after;
    try {
      after = s.stat(path);
    } catch (SftpException e) {
      throw new SftpProblem(
          SftpCause.DOWNLOAD, "cannot look at " + shown(path) + ": " + SftpSession.reason(e), e);
    }
    if (got != entry.size() || after == null || !after.signature().equals(entry.signature())) {
      filter.forget(path);
      LOG.info("SFTP: {} changed while it was fetched: it is fetched once it settles", shown(path));
      return false;
    }
    return true;
  }

  /** Renames the checked download into the inbox, with the server's time. */
  private void land(Path part, Path target, RemoteEntry entry) throws SftpProblem {
    try {
      Files.setLastModifiedTime(part, FileTime.from(entry.mtimeSeconds(), TimeUnit.SECONDS));
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      status.fileFetched();
    } catch (IOException e) {
      throw new SftpProblem(
          SftpCause.INBOX,
          shown(entry.name())
              + " was taken off the server but cannot be put into the inbox ("
              + SftpSession.oneLine(e)
              + "): copy it from the server's .fetched/ folder by hand",
          e);
    }
  }

  private SftpSession connected() throws SftpProblem {
    if (session != null && session.isConnected()) {
      return session;
    }
    drop();
    session = SftpSession.open(sftp);
    folder = RemoteFolder.resolve(sftp.remoteDir(), session.loginFolder());
    if (!folder.equals(folderTold)) {
      folderTold = folder;
      LOG.info(
          "SFTP: polling {} on {}:{} as {} (login folder {}) every {} s",
          shown(folder),
          sftp.host(),
          sftp.port(),
          sftp.username(),
          shown(session.loginFolder()),
          sftp.pollSeconds());
    }
    return session;
  }

  private void drop() {
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException e) {
        LOG.debug("SFTP: closing the connection", e);
      }
      session = null;
    }
  }

  private void once(String key, Runnable tell) {
    if (toldOnce.add(key)) {
      tell.run();
    }
  }

  private void removeLeftoverParts() {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(inbox, ".*" + PART)) {
      for (Path p : parts) {
        deleteQuietly(p);
      }
    } catch (IOException e) {
      LOG.debug("SFTP: no leftover downloads removed from {}", inbox, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("SFTP: cannot remove {}: {}", file, e.toString());
    }
  }

  private static String shown(String text) {
    return ShownName.escape(text);
  }
}
