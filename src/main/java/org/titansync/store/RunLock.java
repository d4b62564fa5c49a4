package org.titansync.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.titansync.run.RunContext;

/**
 * One run at a time per setup: {@code logs/run.lock}, held by a run that may write to Titan from
 * its start to its end, by the CLI and the daemon alike (the daemon takes it per run, so a CLI run
 * can go between two daemon runs). The operating system's lock does the work, so a killed process
 * never leaves it behind; the file's text only says who holds it (pid, host, run id, since when).
 */
public final class RunLock implements RunContext.Lock {
  /** The lock file's name in the logs folder. */
  public static final String FILE = "run.lock";

  private static final long POLL_MS = 200;

  private final FileChannel channel;
  private final FileLock lock;
  private final java.time.Instant lastChange;
  private final boolean holderDied;

  private RunLock(
      FileChannel channel, FileLock lock, java.time.Instant lastChange, boolean holderDied) {
    this.channel = channel;
    this.lock = lock;
    this.lastChange = lastChange;
    this.holderDied = holderDied;
  }

  /**
   * Whether another run may have written to Titan since {@code instant}: it released the lock (or
   * took it) after that, or it died holding it. Reads of Titan made before then are out of date.
   */
  @Override
  public boolean otherRunSince(java.time.Instant instant) {
    return holderDied || !lastChange.isBefore(instant);
  }

  /** Another run holds the lock and did not end within the wait. */
  public static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock, waiting for its holder's run to end for at most {@code wait}.
   *
   * @param logs the logs folder (made when missing, owner-only)
   * @param runId the run that will hold it
   * @param wait how long to wait for another run ({@code sync.lock_wait_seconds})
   * @param onWait told once, with the holder, when the lock is busy at first
   * @throws Busy when the holder's run did not end in time; the message names the holder
   */
  static RunLock acquire(
      Path logs, String runId, Duration wait, java.util.function.Consumer<String> onWait)
      throws IOException, Busy {
    OwnerOnly.createDirectories(logs);
    Path file = logs.resolve(FILE);
    FileChannel channel;
    // When this run makes the lock file, its time is noted: found unchanged once the lock is
    // taken, no other run can have held it in between, so this run's reads are not out of date.
    java.nio.file.attribute.FileTime made = null;
    try {
      try {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        made = Files.getLastModifiedTime(file);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
    } catch (IOException e) {
      throw new StateFolder.NoRoom(
          "cannot open the run lock " + file + " (" + e + "); nothing was written to Titan", e);
    }
    OwnerOnly.restrictFile(file);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    try {
      while (true) {
        FileLock lock = tryLock(channel, file);
        if (lock != null) {
          // Before this run writes its own line: when the last holder let go, and whether it did.
          boolean died = channel.size() > 0;
          java.nio.file.attribute.FileTime last = Files.getLastModifiedTime(file);
          java.time.Instant changed =
              !died && last.equals(made) ? java.time.Instant.EPOCH : last.toInstant();
          RunLock held = new RunLock(channel, lock, changed, died);
          held.writeHolder(runId);
          return held;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new Busy(
              "another run holds the lock "
                  + file
                  + " ("
                  + holder(channel)
                  + ") and did not end within sync.lock_wait_seconds = "
                  + wait.toSeconds()
                  + "; nothing was written. Try again when it has ended.");
        }
        if (!told) {
          onWait.accept(holder(channel));
          told = true;
        }
        try {
          Thread.sleep(Math.min(POLL_MS, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Busy("interrupted while waiting for the lock " + file);
        }
      }
    } catch (IOException | Busy | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The lock, or null while another process (or another run of this one) holds it. */
  private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another run of this same process
    } catch (IOException e) {
      throw new StateFolder.NoRoom(
          "cannot take the run lock "
              + file
              + " ("
              + e.getMessage()
              + "): paths.logs must be on a file system that supports file locks; nothing was"
              + " written to Titan",
          e);
    }
  }

  /** Who holds the lock, as its holder wrote it: "pid 123 on host, run ..., since ...". */
  private static String holder(FileChannel channel) {
    try {
      long size = Math.min(channel.size(), 1024);
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      channel.read(bytes, 0);
      String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "holder unknown" : "held by " + text;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  private void writeHolder(String runId) throws IOException {
    String text =
        "pid "
            + ProcessHandle.current().pid()
            + " on "
            + hostName()
            + ", run "
            + runId
            + ", since "
            + StateFolder.now()
            + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }

  /** Releases the lock; the file stays (removing it would race with the next run taking it). */
  @Override
  public void close() {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // Only the holder's text: the lock itself goes with the channel.
    }
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing else to release.
    }
  }
}
