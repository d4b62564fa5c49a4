package org.titansync.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.DirectEntry;
import org.titansync.run.ShownName;

/**
 * Decides which inbox file the daemon may read now: only a complete file, and only when its turn
 * has come. Complete means: not a temporary or hidden name, its done-file present when done-files
 * are on, and its size, modification time and content (a CRC32C of every byte) unchanged for the
 * whole quiet period as measured by this process. Its turn means: no older export waits in the
 * inbox, so exports are applied in the order they were written, and it is not waiting to be tried
 * again after Titan was unreachable.
 *
 * <p>The daemon's inbox route asks it at every poll ({@link #ready}). It lists the folder itself
 * rather than through Camel's file consumer, whose names are strings (on Linux a backslash turned
 * into a separator, bytes that are not text into U+FFFD) and so may name another entry than the one
 * it listed.
 */
public final class InboxFilter {
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

  /**
   * The entries of {@code inbox} to handle now, oldest first (by modification time, then name),
   * from one listing of the folder, each as the listing gave it (its name's own bytes, never a name
   * read back): every entry to refuse unopened ({@link UnopenedEntry#why}: a name that cannot be
   * used as it is, a link, a folder, a FIFO...), at once; and the oldest export, once complete. A
   * newer export waits while an older one is in the inbox (for its quiet period, its done-file or a
   * retry); an entry refused unopened or set aside holds nothing back.
   */
  public List<Path> ready(Path inbox) {
    if (closed) {
      return List.of();
    }
    List<Path> ready = new ArrayList<>();
    Path oldestExport = null;
    for (Listed entry : list(inbox.toAbsolutePath())) {
      Path path = entry.path();
      if (isSetAside(path, entry.attributes())) {
        continue;
      }
      if (UnopenedEntry.why(path, entry.attributes()) != null) {
        if (!waitingForRetry(path)) {
          ready.add(path);
        }
      } else if (oldestExport == null && isExport(path)) {
        oldestExport = path;
      }
    }
    if (oldestExport != null && isComplete(inbox, oldestExport)) {
      ready.add(oldestExport);
    }
    ready.sort(Comparator.comparingLong(InboxFilter::modifiedMillis).thenComparing(p -> p));
    return ready;
  }

  /** Whether {@code file} is among the entries of its folder to handle now ({@link #ready}). */
  public boolean isReady(Path file) {
    Path absolute = file.toAbsolutePath();
    return ready(absolute.getParent()).contains(absolute);
  }

  /** An entry of the inbox with its own attributes (a link's, not its target's). */
  private record Listed(Path path, BasicFileAttributes attributes) {}

  /**
   * The inbox's entries, oldest first, but for the names never read and titan-sync's own folder. A
   * directory stream gives each entry as its own bytes: a name that is not valid text is still the
   * entry it names, where {@code java.io.File} (and so Camel's file consumer) would turn it into a
   * string that names another entry, or none.
   */
  private List<Listed> list(Path inbox) {
    List<Listed> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(inbox)) {
      for (Path entry : stream) {
        if (isIgnoredName(entry.getFileName().toString()) || isOwnFolder(entry)) {
          continue;
        }
        BasicFileAttributes attributes = attributes(entry);
        if (attributes != null) {
          entries.add(new Listed(entry, attributes));
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      LOG.debug("cannot list {}: {}", inbox, e.getMessage());
      return List.of();
    }
    entries.sort(
        Comparator.comparingLong((Listed l) -> l.attributes().lastModifiedTime().toMillis())
            .thenComparing(Listed::path));
    return entries;
  }

  /**
   * Complete: its done-file there when done-files are on, not waiting for a retry, and its size,
   * time and content unchanged for the quiet period. A file the daemon may not read is complete
   * once its size and time have been still that long: its run then refuses it (it cannot be opened)
   * and it moves aside, instead of holding every newer file back.
   */
  private boolean isComplete(Path inbox, Path file) {
    if (!doneSuffix.isEmpty()
        && !Files.isRegularFile(
            file.resolveSibling(file.getFileName().toString() + doneSuffix),
            LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (waitingForRetry(file)) {
      return false;
    }
    Object signature;
    try {
      signature = signature(inbox, file);
    } catch (IOException e) {
      LOG.debug("cannot look at {} yet: {}", ShownName.of(file), e.getMessage());
      quiet.forget(file.toString());
      return false;
    }
    return quiet.settled(file.toString(), signature);
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

  /** An export, as opposed to a done-file (the entry is a regular file with a usable name). */
  private boolean isExport(Path file) {
    String name = file.getFileName().toString();
    return doneSuffix.isEmpty()
        || !name.toLowerCase(Locale.ROOT).endsWith(doneSuffix.toLowerCase(Locale.ROOT));
  }

  private static long modifiedMillis(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Size, modification time and a checksum of every byte. Opened without following a link, and only
   * as an entry directly in the inbox: a regular file swapped for a link since it was looked at is
   * not read. A file that exists but may not be read has no checksum: its size and time alone must
   * stay still.
   */
  static List<Long> signature(Path inbox, Path file) throws IOException {
    DirectEntry.require(inbox, file);
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isRegularFile()) {
      throw new IOException("no longer a regular file");
    }
    long size = a.size();
    long modified = a.lastModifiedTime().toMillis();
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
      }
    } catch (AccessDeniedException e) {
      return List.of(size, modified, -1L);
    }
    return List.of(size, modified, crc.getValue());
  }
}
