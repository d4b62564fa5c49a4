package org.titansync.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.MainConfigurationProperties;
import org.titansync.config.ConfigException;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.titan.TitanClient;

/**
 * What the {@code @CamelMainTest} route tests share: a config.toml pointed at a Titan, the app's
 * beans and placeholders added to the test's Camel Main as {@link TitanSyncApp} adds them, and the
 * sample export, whole or cut short.
 */
public final class RouteTestSetup {
  /** The one-shot commands' routes: the inbox and SFTP routes are the daemon's. */
  public static final String ONE_SHOT_ROUTES =
      "camel.main.routes-exclude-pattern=" + DaemonConfiguration.DAEMON_ROUTES;

  /** The sample export of 55 rows. */
  public static final Path SAMPLE = Path.of("samples/staff.csv").toAbsolutePath();

  private RouteTestSetup() {}

  /** A config.toml in {@code dir}: Titan at {@code baseUrl}, then {@code more} TOML. */
  public static SyncConfig config(Path dir, String baseUrl, String apiKey, String more)
      throws IOException, ConfigException {
    Path file = dir.resolve("config.toml");
    Files.writeString(
        file,
        "[titan]\nbase_url = \""
            + baseUrl
            + "\"\napi_key = \""
            + apiKey
            + "\"\ntimeout_seconds = 5\n"
            + more,
        StandardCharsets.UTF_8);
    return ConfigLoader.load(file, Map.of());
  }

  /** The pipeline's beans and placeholders for {@code config}, on the test's Camel Main. */
  public static void addPipeline(
      MainConfigurationProperties main, SyncConfig config, TitanClient client) {
    TitanSyncApp.configure(main, config, client, ConfigProperties.forRuns(config));
  }

  /** The sample's header and its first 33 of 55 rows: the guardrails hold it. */
  public static Path cutSample(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    Path cut = dir.resolve("cut.csv");
    Files.write(cut, lines.subList(0, 34), StandardCharsets.UTF_8);
    return cut;
  }
}
