package org.titansync.cli;

import java.nio.file.Path;
import org.titansync.config.SyncConfig;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * {@code --sandbox}: the Titan simulator in this process, on a free port, seeded from the packaged
 * samples and keeping its state in {@code logs/sandbox-state.json}, so that a second run sees what
 * the first one wrote.
 */
final class InProcessSandbox implements AutoCloseable {
  private final SandboxServer server;
  private final Path stateFile;
  private final String apiKey;

  private InProcessSandbox(SandboxServer server, Path stateFile, String apiKey) {
    this.server = server;
    this.stateFile = stateFile;
    this.apiKey = apiKey;
  }

  static InProcessSandbox start(SyncConfig config) throws java.io.IOException {
    Path state = config.paths().logs().resolve("sandbox-state.json");
    org.titansync.run.OwnerOnly.createDirectories(state.getParent());
    SandboxOptions options = SandboxOptions.defaults().withPort(0).withStateFile(state);
    return new InProcessSandbox(SandboxServer.start(options), state, options.apiKey());
  }

  String baseUrl() {
    return server.baseUrl();
  }

  String apiKey() {
    return apiKey;
  }

  Path stateFile() {
    return stateFile;
  }

  @Override
  public void close() {
    server.close();
  }
}
