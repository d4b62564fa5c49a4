package org.titansync.daemon;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.sandbox.SandboxOptions;
import org.titansync.sandbox.SandboxServer;
import org.titansync.testing.Await;

/**
 * A daemon against a sandbox on a free port, with its folders and config in a temporary folder.
 * Short quiet period and poll interval so that tests stay quick.
 */
final class DaemonHarness implements AutoCloseable {
  static final Path SAMPLE = Path.of("samples/staff.csv").toAbsolutePath();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final SandboxServer sandbox;
  private final int httpPort;
  private TitanSyncApp app;

  private DaemonHarness(Path dir, SandboxServer sandbox, int httpPort) {
    this.dir = dir;
    this.sandbox = sandbox;
    this.httpPort = httpPort;
  }

  static DaemonHarness start(Path dir) throws IOException {
    return start(dir, SandboxOptions.defaults());
  }

  static DaemonHarness start(Path dir, SandboxOptions options) throws IOException {
    return new DaemonHarness(dir, SandboxServer.start(options.withPort(0)), freePort());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Writes config.toml: the sandbox, quick daemon settings, and {@code extra} TOML at the end. */
  Path writeConfig(String extra) throws IOException {
    return writeConfig(dir.resolve("config.toml"), httpPort, "", extra);
  }

  Path writeConfig(Path file, int port, String paths, String extra) throws IOException {
    String toml =
        "[titan]\n"
            + "base_url = \""
            + sandbox.baseUrl()
            + "\"\n"
            + "api_key = \""
            + sandbox.options().apiKey()
            + "\"\n"
            + "max_requests_per_second = 1000\n"
            + "timeout_seconds = 5\n"
            + "[retry]\n"
            + "initial_delay_ms = 20\n"
            + "max_delay_ms = 200\n"
            + "max_attempts = 2\n"
            + "[paths]\n"
            + paths
            + "[daemon]\n"
            + "quiet_seconds = 1\n"
            + "poll_seconds = 0.2\n"
            + "failover_seconds = 1.5\n"
            + "retry_seconds = 2\n"
            + "http_port = "
            + port
            + "\n"
            + extra;
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A district's config for {@code run --districts}: this sandbox as its Titan, {@code keyLine}
   * naming its key, its own folders beside the file (named after it), quick daemon settings.
   */
  Path writeDistrict(Path file, String keyLine) throws IOException {
    String name = file.getFileName().toString().replace(".toml", "");
    StringBuilder toml =
        new StringBuilder()
            .append("[titan]\nbase_url = \"")
            .append(sandbox.baseUrl())
            .append("\"\n")
            .append(keyLine)
            .append("\nmax_requests_per_second = 1000\n")
            .append("[retry]\ninitial_delay_ms = 20\nmax_delay_ms = 200\nmax_attempts = 2\n")
            .append("[paths]\n");
    for (String folder : List.of("inbox", "logs", "archive", "quarantine", "held")) {
      toml.append(folder).append(" = \"").append(name).append('/').append(folder).append("\"\n");
    }
    toml.append("[daemon]\nquiet_seconds = 1\npoll_seconds = 0.2\nretry_seconds = 2\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The process's own config for {@code run --districts}: its health port and {@code districts},
   * the lines of its [districts] table.
   */
  static Path writeDistrictsHost(Path file, int port, String districts) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "[daemon]\nhttp_port = "
            + port
            + "\n[districts]\n"
            + districts
            + "\n[logging]\nlevel = \"INFO\"\n",
        StandardCharsets.UTF_8);
    return file;
  }

  /** {@link #writeDistrict} with this sandbox's key in the file. */
  Path writeDistrict(Path file) throws IOException {
    return writeDistrict(file, "api_key = \"" + sandbox.options().apiKey() + "\"");
  }

  /**
   * {@code titan-sync run --config CONFIG} (and {@code more} arguments) in a JVM of its own, which
   * stops by itself after two minutes; stdout and stderr go to out.txt and err.txt beside the
   * config. Callers kill it in a finally.
   */
  static Process startChild(Path config, String... more) throws IOException {
    return startChildWithHeap(config, "-Xmx256m", more);
  }

  /** {@link #startChild} with another heap, such as {@code -Xmx96m}. */
  static Process startChildWithHeap(Path config, String maxHeap, String... more)
      throws IOException {
    return startChild(config, maxHeap, 120, more);
  }

  /**
   * {@link #startChild} that stops by itself after {@code stopAfterSeconds}: for a test whose
   * awaits could add up to more than two minutes on a loaded machine.
   */
  static Process startChild(Path config, String maxHeap, int stopAfterSeconds, String... more)
      throws IOException {
    Path folder = config.getParent();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                maxHeap,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                childClassPath(),
                "org.titansync.cli.Main",
                "run",
                "--config",
                config.toString(),
                "--stop-after",
                Integer.toString(stopAfterSeconds)));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(folder.resolve("out.txt").toFile());
    pb.redirectError(folder.resolve("err.txt").toFile());
    pb.environment().remove("TITAN_API_KEY");
    pb.environment().remove("TITAN_BASE_URL");
    return pb.start();
  }

  /**
   * This JVM's class path without surefire's booter jar, whose manifest lists the same entries
   * again (Camel would then find every route file twice).
   */
  private static String childClassPath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.contains("surefirebooter"))
        .distinct()
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  /** Starts the daemon in this JVM from config.toml. */
  TitanSyncApp startDaemon() throws Exception {
    if (!Files.exists(dir.resolve("config.toml"))) {
      writeConfig("");
    }
    SyncConfig config = ConfigLoader.load(dir.resolve("config.toml"), java.util.Map.of());
    app = TitanSyncApp.startDaemon(config);
    return app;
  }

  /** Stops the daemon started by {@link #startDaemon}; the sandbox keeps running. */
  void stopDaemon() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  SandboxServer sandbox() {
    return sandbox;
  }

  Path dir() {
    return dir;
  }

  Path inbox() {
    return dir.resolve("inbox");
  }

  int httpPort() {
    return httpPort;
  }

  /** Every file under {@code folder}, recursively (empty when it does not exist). */
  static List<Path> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Run folders under logs/runs. */
  static List<Path> runs(Path logs) throws IOException {
    Path runs = logs.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.sorted().toList();
    }
  }

  /** The status a run's result.json records, such as "applied". */
  static String status(Path runDir) throws IOException {
    return String.valueOf(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(runDir.resolve("result.json").toFile(), java.util.Map.class)
            .get("status"));
  }

  /** GET on the management server: status code and body (-1 when nothing answers). */
  static Answer get(int port, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (Boolean.getBoolean("titan.debug")) {
        System.err.println(path + " -> " + r.statusCode() + " " + r.body());
      }
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, e.toString());
    }
  }

  Answer get(String path) {
    return get(httpPort, path);
  }

  record Answer(int status, String body) {}

  /** Asks {@code condition} until it holds; fails with {@code what} on timeout. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    Await.until(what, timeout, condition);
  }

  /**
   * Waits until {@code n} more polls of the inbox have ended, counted by Camel's metric of the
   * inbox route: a test that checks that nothing happens waits on the daemon looking, not on time.
   * The polls are {@code daemon.poll_seconds} (0.2 s here) apart at least.
   */
  void awaitInboxPolls(int n) {
    double start = inboxPolls();
    await(n + " more polls of the inbox", Duration.ofSeconds(60), () -> inboxPolls() >= start + n);
  }

  private double inboxPolls() {
    return metric("camel_exchanges_total{", "routeId=\"inbox\"");
  }

  /**
   * Waits until {@code n} more polls of the SFTP server have ended (titan_sync_sftp_polls_total).
   */
  void awaitSftpPolls(int n) {
    double start = sftpPolls();
    await(
        n + " more polls of the SFTP server",
        Duration.ofSeconds(60),
        () -> sftpPolls() >= start + n);
  }

  private double sftpPolls() {
    return metric("titan_sync_sftp_polls_total{", "result=\"ok\"")
        + metric("titan_sync_sftp_polls_total{", "result=\"failed\"");
  }

  /** The value of the first metric line that starts with {@code name} and holds {@code label}. */
  double metric(String name, String label) {
    for (String line : get("/observe/metrics").body().lines().toList()) {
      if (line.startsWith(name) && line.contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** {@code await} for conditions that read files. */
  interface IoCondition {
    boolean holds() throws IOException;
  }

  static BooleanSupplier io(IoCondition c) {
    return () -> {
      try {
        return c.holds();
      } catch (IOException e) {
        return false;
      }
    };
  }

  @Override
  public void close() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      sandbox.close();
    }
  }
}
