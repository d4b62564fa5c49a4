package org.titansync.app;

import java.nio.file.Path;
import org.titansync.config.Secret;
import org.titansync.config.SyncConfig;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * {@code --sandbox}: the Titan simulator in this process, on a free port, seeded from the packaged
 * samples and keeping its state in {@code logs/sandbox-state.json}, so that a second run sees what
 * the first one wrote.
 */
public final class InProcessSandbox implements AutoCloseable {
  private final SandboxServer server;
  private final Path stateFile;
  private final String apiKey;

  private InProcessSandbox(SandboxServer server, Path stateFile, String apiKey) {
    this.server = server;
    this.stateFile = stateFile;
    this.apiKey = apiKey;
  }

  public static InProcessSandbox start(SyncConfig config) throws java.io.IOException {
    Path state = config.paths().logs().resolve("sandbox-state.json");
    org.titansync.run.OwnerOnly.createDirectories(state.getParent());
    SandboxOptions options = SandboxOptions.defaults().withPort(0).withStateFile(state);
    return new InProcessSandbox(SandboxServer.start(options), state, options.apiKey());
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public String apiKey() {
    return apiKey;
  }

  public Path stateFile() {
    return stateFile;
  }

  /** The config, pointed at this sandbox: its base URL and its API key. */
  public SyncConfig pointAt(SyncConfig c) {
    return c.withTitan(c.titan().withBaseUrl(baseUrl()).withApiKey(Secret.of(apiKey)));
  }

  @Override
  public void close() {
    server.close();
  }
}
