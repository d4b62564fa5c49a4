package org.titansync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.main.MainConfigurationProperties;
import org.titansync.config.ConfigException;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import org.titansync.plan.InMemoryTitan;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanPort;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;

/**
 * What the {@code @CamelMainTest} route tests share: a config.toml pointed at a Titan, the app's
 * beans and placeholders added to the test's Camel Main as {@link TitanSyncApp} adds them, an
 * in-memory Titan (through the port) holding the sandbox's sample seed, and the sample export,
 * whole or cut short.
 */
public final class RouteTestSetup {
  /** The one-shot commands' routes: the inbox and SFTP routes are the daemon's. */
  public static final String ONE_SHOT_ROUTES =
      "camel.main.routes-exclude-pattern=" + DaemonConfiguration.DAEMON_ROUTES;

  /** The sample export of 55 rows. */
  public static final Path SAMPLE = Path.of("samples/staff.csv").toAbsolutePath();

  /** The sandbox's sample seed, which the sample export was written against. */
  private static final Path SAMPLE_SEED = Path.of("samples/seed.json").toAbsolutePath();

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
      MainConfigurationProperties main, SyncConfig config, TitanPort titan) {
    TitanSyncApp.configure(main, config, titan, ConfigProperties.forRuns(config));
  }

  /** A config.toml in {@code dir} for a run against an in-memory Titan, then {@code more} TOML. */
  public static SyncConfig inMemoryConfig(Path dir, String more)
      throws IOException, ConfigException {
    // Nothing listens here: the port, not HTTP, is how these runs reach Titan.
    return config(dir, "http://127.0.0.1:1/api/v1", "in-memory", more);
  }

  /**
   * An in-memory Titan holding what the sandbox's sample seed (samples/seed.json) holds: its sites,
   * roles and users, so the sample export plans as it does against the sandbox.
   */
  public static InMemoryTitan sampleTitan() throws IOException {
    JsonNode seed = new ObjectMapper().readTree(SAMPLE_SEED.toFile());
    List<TitanSite> sites = new ArrayList<>();
    seed.path("sites")
        .forEach(
            s ->
                sites.add(
                    new TitanSite(
                        s.path("id").asText(),
                        s.path("name").asText(),
                        s.path("code").asText(),
                        s.path("active").asBoolean(true))));
    List<TitanRole> roles = new ArrayList<>();
    seed.path("roles")
        .forEach(r -> roles.add(new TitanRole(r.path("id").asText(), r.path("name").asText())));
    List<TitanUser> users = new ArrayList<>();
    for (JsonNode u : seed.path("users")) {
      Map<String, Set<String>> memberships = new TreeMap<>();
      for (JsonNode m : u.path("memberships")) {
        Set<String> held = new TreeSet<>();
        m.path("role_ids").forEach(id -> held.add(id.asText()));
        memberships.put(m.path("site_id").asText(), held);
      }
      users.add(
          new TitanUser(
              u.path("id").asText(),
              u.path("external_id").isTextual() ? u.path("external_id").asText() : null,
              u.path("first_name").asText(),
              u.path("last_name").asText(),
              u.path("email").asText(),
              !"inactive".equals(u.path("status").asText("active")),
              memberships));
    }
    return new InMemoryTitan(new Snapshot(sites, roles, users));
  }

  /** The sample's header and its first 33 of 55 rows: the guardrails hold it. */
  public static Path cutSample(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    Path cut = dir.resolve("cut.csv");
    Files.write(cut, lines.subList(0, 34), StandardCharsets.UTF_8);
    return cut;
  }
}
