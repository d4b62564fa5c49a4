package org.titansync.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.titansync.cli.TitanSyncCommand;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;

/**
 * End-to-end tests run the real command line in this JVM against a sandbox on a free port over real
 * HTTP, with a config file in a temporary folder (logs/ and the other folders land there).
 */
final class CliHarness implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final SandboxServer sandbox;
  private String extraConfig = "";

  /** The outcome of one command. */
  record Result(int exit, String out, String err) {
    /** The last line printed: the one-line summary. */
    String lastLine() {
      String trimmed = out.strip();
      return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
  }

  private CliHarness(Path dir, SandboxServer sandbox) throws IOException {
    this.dir = dir;
    this.sandbox = sandbox;
    writeConfig();
  }

  /** A sandbox seeded from samples/seed.json. */
  static CliHarness start(Path dir) throws IOException {
    return start(dir, SandboxOptions.defaults());
  }

  static CliHarness start(Path dir, SandboxOptions options) throws IOException {
    return new CliHarness(dir, SandboxServer.start(options.withPort(0)));
  }

  SandboxServer sandbox() {
    return sandbox;
  }

  Path dir() {
    return dir;
  }

  Path logs() {
    return dir.resolve("logs");
  }

  Path config() {
    return dir.resolve("config.toml");
  }

  /** TOML appended to the base config (tables other than [titan] and [retry]). */
  void extraConfig(String toml) throws IOException {
    this.extraConfig = toml;
    writeConfig();
  }

  private void writeConfig() throws IOException {
    String toml =
        "[titan]\n"
            + "base_url = \""
            + sandbox.baseUrl()
            + "\"\n"
            + "api_key = \""
            + sandbox.options().apiKey()
            + "\"\n"
            + "max_requests_per_second = 1000\n"
            + "max_concurrency = 4\n"
            + "timeout_seconds = 5\n"
            + "[retry]\n"
            + "initial_delay_ms = 20\n"
            + "max_delay_ms = 500\n"
            + extraConfig;
    Files.writeString(config(), toml, StandardCharsets.UTF_8);
  }

  /** Writes a CSV file into the test folder. */
  Path csv(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  /** Runs {@code titan-sync ARGS --config <dir>/config.toml}. */
  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        TitanSyncCommand.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  /** The folder of the newest run. */
  Path lastRun() throws IOException {
    try (var s = Files.list(logs().resolve("runs"))) {
      return s.sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Map.class);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
