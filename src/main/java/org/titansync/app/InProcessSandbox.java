package org.titansync.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.titansync.config.Secret;
import org.titansync.config.SyncConfig;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;
import org.titansync.sandbox.StateHolder;
import org.titansync.sandbox.StateOwner;
import org.titansync.store.OwnerOnly;
import org.titansync.titan.TitanException;

/**
 * {@code --sandbox}: the Titan simulator, on a free port, seeded from the packaged samples and
 * keeping its state in {@code logs/sandbox-state.json}, so that a second run sees what the first
 * one wrote.
 *
 * <p>One sandbox per state file (its lock, {@code logs/sandbox-state.json.lock}): two would each
 * keep a copy in memory, and the one that stopped last would undo the other's writes. So when a
 * sandbox that serves until stopped (the daemon's, {@code run --sandbox}) holds the state and
 * answers, this process sends its requests there; when a one-shot command holds it, this process
 * waits for it to end ({@code sync.lock_wait_seconds}); otherwise it refuses, naming the holder.
 */
public final class InProcessSandbox implements AutoCloseable {
  /** The state file's name under logs/. */
  public static final String STATE_FILE = "sandbox-state.json";

  private static final long POLL_MS = 200;

  private final SandboxServer server;
  private final StateHolder shared;
  private final Path stateFile;
  private final String apiKey;

  private InProcessSandbox(SandboxServer server, StateHolder shared, Path stateFile, String key) {
    this.server = server;
    this.shared = shared;
    this.stateFile = stateFile;
    this.apiKey = key;
  }

  /** The sandbox's state cannot be had: another process holds it and neither serves nor ends. */
  public static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  /** The sandbox of a one-shot command (sync, approve, revert, doctor): others wait for it. */
  public static InProcessSandbox start(SyncConfig config) throws IOException, Busy {
    return start(config, false, waiting -> {});
  }

  /**
   * The sandbox of this process, or the one already serving its state.
   *
   * @param servesOthers true for the daemon's, which others may send their requests to
   * @param onWait told once, with the holder, when this process waits for another to end
   */
  public static InProcessSandbox start(
      SyncConfig config, boolean servesOthers, Consumer<String> onWait) throws IOException, Busy {
    Path state = config.paths().logs().resolve(STATE_FILE);
    OwnerOnly.createDirectories(state.getParent());
    SandboxOptions options = SandboxOptions.defaults().withPort(0).withStateFile(state);
    StateOwner owner =
        new StateOwner(
            servesOthers ? "titan-sync run --sandbox" : "a titan-sync command with --sandbox",
            servesOthers);
    Duration wait = Duration.ofSeconds(config.sync().lockWaitSeconds());
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (true) {
      SandboxServer.StateInUse busy;
      try {
        return new InProcessSandbox(
            SandboxServer.start(options, owner), null, state, options.apiKey());
      } catch (SandboxServer.StateInUse e) {
        busy = e;
      }
      StateHolder holder = busy.holder();
      if (holder != null
          && holder.servesOthers()
          && holder.loopbackUrl()
          && answers(config, holder.url(), options.apiKey())) {
        return new InProcessSandbox(null, holder, state, options.apiKey());
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new Busy(
            busy.getMessage()
                + (holder != null && holder.servesOthers()
                    ? ", and it does not answer"
                    : ", and it did not end")
                + " within sync.lock_wait_seconds = "
                + wait.toSeconds()
                + ". Nothing was read or written. Stop it, or try again when it has ended.");
      }
      if (!told) {
        onWait.accept(busy.getMessage());
        told = true;
      }
      try {
        Thread.sleep(Math.min(POLL_MS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Busy("interrupted while waiting for " + busy.getMessage());
      }
    }
  }

  /** True when the sandbox at {@code url} answers and takes the sandbox's key. */
  private static boolean answers(SyncConfig config, String url, String key) {
    SyncConfig at = config.withTitan(config.titan().withBaseUrl(url).withApiKey(Secret.of(key)));
    try {
      TitanSyncApp.clientFor(at).checkAccess();
      return true;
    } catch (TitanException e) {
      return false;
    }
  }

  public String baseUrl() {
    return server != null ? server.baseUrl() : shared.url();
  }

  public String apiKey() {
    return apiKey;
  }

  public Path stateFile() {
    return stateFile;
  }

  /** The line a command prints about the sandbox it uses. */
  public String describe() {
    return shared == null
        ? "sandbox: Titan simulator at " + baseUrl() + " (state " + stateFile + ")"
        : "sandbox: using the Titan simulator that already serves "
            + stateFile
            + ": "
            + shared.describe();
  }

  /** The config, pointed at this sandbox: its base URL and its API key. */
  public SyncConfig pointAt(SyncConfig c) {
    return c.withTitan(c.titan().atBuiltInSandbox(baseUrl(), Secret.of(apiKey)));
  }

  /** Stops this process's sandbox, which saves its state; another's is left running. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
