package org.titansync.daemon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which inbox file the daemon may read now: only a complete file, and only when its turn
 * has come. Complete means: not a temporary or hidden name, its done-file present when done-files
 * are on, and its size, modification time and content (a CRC32C of every byte) unchanged for the
 * whole quiet period as measured by this process. Its turn means: no older export waits in the
 * inbox, so exports are applied in the order they were written, and it is not waiting to be tried
 * again after Titan was unreachable.
 */
public final class InboxFilter implements GenericFileFilter<File> {
  private static final Logger LOG = LoggerFactory.getLogger(InboxFilter.class);

  /**
   * Names never read: upload and editor temporaries, hidden files, and the reason notes that sit
   * beside quarantined files (in case one is moved back with its file). Case is ignored.
   */
  public static final Pattern IGNORED =
      Pattern.compile(
          "^\\..*|.*~$|.*\\.(part|filepart|partial|tmp|temp|crdownload|swp)$|.*\\.reason\\.txt$",
          Pattern.CASE_INSENSITIVE);

  private final String doneSuffix;
  private final Path ownFolder;
  private final QuietPeriod quiet;
  private final LongSupplier nanoClock;
  private final Map<Path, Long> retryAt = new HashMap<>();
  private final Map<Path, List<Long>> setAside = new HashMap<>();
  private volatile boolean closed;

  /**
   * @param doneSuffix empty: done-files are off
   */
  public InboxFilter(Duration quietPeriod, String doneSuffix) {
    this(quietPeriod, doneSuffix, null, System::nanoTime);
  }

  /**
   * @param ownFolder titan-sync's own folder that may sit in the inbox ({@code daemon.lock_dir}),
   *     never refused; null when there is none
   */
  public InboxFilter(Duration quietPeriod, String doneSuffix, Path ownFolder) {
    this(quietPeriod, doneSuffix, ownFolder, System::nanoTime);
  }

  /**
   * @param nanoClock the clock of the quiet period and the retry delay ({@code System::nanoTime})
   */
  public InboxFilter(Duration quietPeriod, String doneSuffix, LongSupplier nanoClock) {
    this(quietPeriod, doneSuffix, null, nanoClock);
  }

  private InboxFilter(
      Duration quietPeriod, String doneSuffix, Path ownFolder, LongSupplier nanoClock) {
    this.doneSuffix = doneSuffix;
    this.ownFolder = ownFolder == null ? null : ownFolder.toAbsolutePath().normalize();
    this.nanoClock = nanoClock;
    this.quiet = new QuietPeriod(quietPeriod.toMillis(), nanoClock);
  }

  /** True for names the daemon never reads, such as {@code staff.csv.part} or {@code .x}. */
  public static boolean isIgnoredName(String name) {
    return IGNORED.matcher(name).matches();
  }

  @Override
  public boolean accept(GenericFile<File> file) {
    return file.getFile() != null && isReady(file.getFile().toPath());
  }

  /**
   * The whole decision for one file of the inbox. An entry that is not a regular file (a symbolic
   * link, a FIFO, a device, a folder) is ready at once, to be refused without being opened: it is
   * never read here, not even to check that it is complete. Only titan-sync's own folder (the
   * daemon's lock folder, when it sits in the inbox) is left alone.
   */
  public boolean isReady(Path file) {
    if (closed || isIgnoredName(file.getFileName().toString())) {
      return false;
    }
    BasicFileAttributes attributes = attributes(file);
    if (attributes == null || isOwnFolder(file) || isSetAside(file, attributes)) {
      return false;
    }
    if (!attributes.isRegularFile()) {
      return !waitingForRetry(file);
    }
    if (!isCandidate(file)) {
      return false;
    }
    if (!doneSuffix.isEmpty()
        && !Files.isRegularFile(file.resolveSibling(file.getFileName().toString() + doneSuffix))) {
      return false;
    }
    if (waitingForRetry(file)) {
      return false;
    }
    Path older = olderCandidate(file);
    if (older != null) {
      LOG.debug("{} waits for the older {}", file.getFileName(), older.getFileName());
      return false;
    }
    Object signature;
    try {
      signature = signature(file);
    } catch (IOException e) {
      LOG.debug("cannot read {} yet: {}", file, e.getMessage());
      quiet.forget(file.toString());
      return false;
    }
    return quiet.settled(file.toString(), signature);
  }

  /**
   * The entries of {@code inbox} that the file consumer does not hand over (it skips folders, and
   * links to folders), ready to be refused: oldest first.
   */
  public List<Path> readyFolders(Path inbox) {
    try (Stream<Path> entries = Files.list(inbox.toAbsolutePath())) {
      return entries
          .filter(Files::isDirectory) // follows a link on purpose: a link to a folder counts
          .filter(this::isReady)
          .sorted(Comparator.comparing(InboxFilter::modifiedMillis))
          .toList();
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", inbox, e.getMessage());
      return List.of();
    }
  }

  /** True for titan-sync's own folder in the inbox, or a folder that holds it. */
  private boolean isOwnFolder(Path entry) {
    return ownFolder != null && ownFolder.startsWith(entry.toAbsolutePath().normalize());
  }

  /** The daemon is stopping: no file is ready any more. */
  public void close() {
    closed = true;
  }

  /** Leaves {@code file} in the inbox to be tried again once {@code delay} has passed. */
  public synchronized void retryLater(Path file, Duration delay) {
    retryAt.put(file.toAbsolutePath(), nanoClock.getAsLong() + delay.toNanos());
    quiet.forget(file.toString());
  }

  /** The file left the inbox: forget what was known about it. */
  public synchronized void done(Path file) {
    retryAt.remove(file.toAbsolutePath());
    setAside.remove(file.toAbsolutePath());
    quiet.forget(file.toString());
  }

  /**
   * The file could not be moved out of the inbox after its run: it is not run again, and newer
   * files no longer wait for it, until it changes (size or time) or the daemon restarts.
   */
  public synchronized void setAside(Path file) {
    BasicFileAttributes a = attributes(file);
    setAside.put(file.toAbsolutePath(), a == null ? List.of() : shape(a));
    retryAt.remove(file.toAbsolutePath());
    quiet.forget(file.toString());
  }

  private synchronized boolean isSetAside(Path file, BasicFileAttributes now) {
    List<Long> then = setAside.get(file.toAbsolutePath());
    if (then == null) {
      return false;
    }
    if (then.equals(shape(now))) {
      return true;
    }
    setAside.remove(file.toAbsolutePath());
    return false;
  }

  private static List<Long> shape(BasicFileAttributes a) {
    return List.of(a.size(), a.lastModifiedTime().toMillis());
  }

  /** The entry's own attributes (a link's, not its target's); null when it is gone. */
  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private synchronized boolean waitingForRetry(Path file) {
    Long at = retryAt.get(file.toAbsolutePath());
    if (at == null) {
      return false;
    }
    if (nanoClock.getAsLong() - at >= 0) {
      retryAt.remove(file.toAbsolutePath());
      return false;
    }
    return true;
  }

  /**
   * An export, as opposed to a temporary, hidden or done file, a folder, a link or anything else
   * that is not a regular file, or a file set aside.
   */
  private boolean isCandidate(Path file) {
    String name = file.getFileName().toString();
    if (isIgnoredName(name) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    synchronized (this) {
      if (setAside.containsKey(file.toAbsolutePath())) {
        return false;
      }
    }
    return doneSuffix.isEmpty()
        || !name.toLowerCase(Locale.ROOT).endsWith(doneSuffix.toLowerCase(Locale.ROOT));
  }

  /** The oldest other export in the folder when it is older than {@code file}, else null. */
  private Path olderCandidate(Path file) {
    Comparator<Path> age =
        Comparator.comparing(InboxFilter::modifiedMillis)
            .thenComparing(p -> p.getFileName().toString());
    try (Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
      List<Path> candidates = siblings.filter(this::isCandidate).sorted(age).toList();
      if (candidates.isEmpty() || candidates.get(0).equals(file.toAbsolutePath())) {
        return null;
      }
      Path oldest = candidates.get(0);
      return age.compare(oldest, file.toAbsolutePath()) < 0 ? oldest : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static long modifiedMillis(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Size, modification time and a checksum of every byte. Opened without following a link: a
   * regular file swapped for a link since it was looked at is not read.
   */
  static List<Long> signature(Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
      }
    }
    return List.of(size, modified, crc.getValue());
  }
}
