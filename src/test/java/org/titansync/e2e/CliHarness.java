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
  private String extraTitan = "";

  /** The outcome of one command. */
  record Result(int exit, String out, String err) {
    /** The last line printed: the one-line summary. */
    String lastLine() {
      String trimmed = out.strip();
      return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    /** The run id the summary line names ("titan-sync: run ID: ..."). */
    String runId() {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^titan-sync: run (\\d{8}-\\d{6}-[0-9a-f]{4}):")
              .matcher(lastLine());
      if (!m.find()) {
        throw new AssertionError("no run id in: " + lastLine() + "\n" + out + err);
      }
      return m.group(1);
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

  /** TOML lines added to the base config's [titan] table. */
  void extraTitan(String toml) throws IOException {
    this.extraTitan = toml;
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
            + extraTitan
            + "[retry]\n"
            + "initial_delay_ms = 20\n"
            + "max_delay_ms = 500\n"
            + extraConfig;
    Files.writeString(config(), toml, StandardCharsets.UTF_8);
    // It holds the API key: private, as docs/operations.md installs it (doctor checks).
    Files.setPosixFilePermissions(
        config(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
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

  /** samples/staff.csv. */
  static Path sample() {
    return Path.of("samples/staff.csv").toAbsolutePath();
  }

  /**
   * A CSV in the test folder made of the sample's header, the sample's data rows that {@code keep}
   * accepts (by 0-based data row index and text), and then {@code extraRows}.
   */
  Path sampleWith(
      String name, java.util.function.BiPredicate<Integer, String> keep, String... extra)
      throws IOException {
    List<String> lines = Files.readAllLines(sample(), StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      if (keep.test(i - 1, lines.get(i))) {
        csv.append(lines.get(i)).append('\n');
      }
    }
    for (String row : extra) {
      csv.append(row).append('\n');
    }
    return csv(name, csv.toString());
  }

  /** The user with this external_id as the sandbox's API shows it, or null. */
  Map<String, Object> user(String externalId) {
    for (Map<String, Object> u : sandbox.users()) {
      if (externalId.equals(u.get("external_id"))) {
        return u;
      }
    }
    return null;
  }

  /** Site ids of a user's memberships. */
  @SuppressWarnings("unchecked")
  static List<String> siteIds(Map<String, Object> user) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) user.get("memberships")) {
      out.add((String) m.get("site_id"));
    }
    return out;
  }

  /** The users of a sandbox state (exportState), without their timestamps, by id. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> usersWithoutTimes(Map<String, Object> state) {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    for (Map<String, Object> u : (List<Map<String, Object>>) state.get("users")) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>(u);
      copy.remove("created_at");
      copy.remove("updated_at");
      out.put((String) u.get("id"), copy);
    }
    return out;
  }

  /** The folder of a run. */
  Path runDir(String runId) {
    return logs().resolve("runs").resolve(runId);
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
