package org.titansync.sandbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.sandbox.TitanState.Image;

/**
 * Where the sandbox's state starts from (the state file, else the seed file, else the built-in
 * sample seed) and, when there is a state file, how it is kept: saved each second after a change
 * and on close.
 */
final class StateFile {
  // under the server's name, as the sandbox has always logged, so operators' log filters match
  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
  private static final String SAMPLE_SEED = "/samples/seed.json";

  private final Path file;
  private final TitanState state;
  private final StateLock lock;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private ScheduledExecutorService saver;
  private ScheduledFuture<?> saving;

  /**
   * @param file the state file, or null when nothing is saved
   * @param lock the state file's lock, held; null when there is no state file
   */
  private StateFile(Path file, TitanState state, StateLock lock) {
    this.file = file;
    this.state = state;
    this.lock = lock;
  }

  /**
   * The state file of a sandbox that is starting, its lock taken: one sandbox per state file.
   *
   * @param file the state file, or null when nothing is saved (then nothing is locked)
   * @throws SandboxServer.StateInUse when another sandbox serves it
   */
  static StateFile lock(Path file, TitanState state) throws IOException {
    return new StateFile(file, state, file == null ? null : StateLock.take(file));
  }

  /** Says in the lock who serves the state: this process, at this URL. */
  void announce(String url, StateOwner owner) throws IOException {
    if (lock != null) {
      lock.announce(url, owner);
    }
  }

  /** Lets go of the lock without saving: the sandbox did not start. */
  void unlock() {
    if (lock != null) {
      lock.close();
    }
  }

  /** The state to start with: the state file when it exists, else the seed, else the sample. */
  static Image initialImage(SandboxOptions options, Clock clock) throws IOException {
    Path stateFile = options.stateFile();
    if (stateFile != null && Files.exists(stateFile)) {
      return readImage(stateFile, clock);
    }
    if (options.seedFile() != null) {
      return readImage(options.seedFile(), clock);
    }
    try (InputStream in = StateFile.class.getResourceAsStream(SAMPLE_SEED)) {
      if (in == null) {
        LOG.warn("no {} on the classpath: starting with an empty Titan", SAMPLE_SEED);
        return new Image(Map.of(), List.of(), List.of(), List.of(), 1);
      }
      return StateCodec.read(in, clock.instant());
    }
  }

  private static Image readImage(Path file, Clock clock) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return StateCodec.read(in, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The state changed: the next save writes it. */
  void changed() {
    dirty.set(true);
  }

  /** Starts saving each second, when there is a state file. */
  void startSaving() {
    if (file != null) {
      saver =
          Executors.newSingleThreadScheduledExecutor(
              SandboxServer.daemonThreads("titan-sandbox-save-"));
      saving = saver.scheduleWithFixedDelay(this::saveIfChanged, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * Stops saving and, when there is a state file, saves the state to it a last time; then lets go
   * of its lock, so that the next sandbox reads what this one saved.
   */
  void close() {
    if (saver == null) {
      unlock();
      return;
    }
    saving.cancel(false);
    saver.shutdown();
    try {
      saver.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      save();
    } catch (IOException e) {
      throw new UncheckedIOException("could not save " + file, e);
    } finally {
      unlock();
    }
  }

  private void saveIfChanged() {
    if (!dirty.getAndSet(false)) {
      return;
    }
    try {
      save();
    } catch (IOException | RuntimeException e) {
      dirty.set(true); // try again next second
      LOG.warn("could not save sandbox state to {}: {}", file, e.toString());
    }
  }

  /** Writes a temp file beside the state file and moves it over, so a reader never sees half. */
  private synchronized void save() throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
        StateCodec.write(state.image(), out);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
