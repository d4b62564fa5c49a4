package org.titansync.config;

import java.util.List;
import java.util.Optional;
import org.titansync.config.SyncConfig.Titan;

/** Reads {@code [titan]}, with the TITAN_BASE_URL, TITAN_API_KEY and TITAN_PROXY overrides. */
final class TitanSection {
  private TitanSection() {}

  static Titan read(ConfigReader reader, ConfigEnvironment env) {
    String baseUrl = reader.string("titan", "base_url", "").strip();
    if (!baseUrl.isEmpty()) {
      Optional<String> wrong = TitanUrls.baseUrlProblem(baseUrl);
      if (wrong.isPresent()) {
        reader.problem(List.of("titan", "base_url"), wrong.get());
      }
    }
    Optional<String> fromEnv = env.value(ConfigLoader.ENV_BASE_URL);
    if (fromEnv.isPresent()) {
      baseUrl = fromEnv.get();
      TitanUrls.baseUrlProblem(baseUrl)
          .ifPresent(
              wrong ->
                  reader.environmentProblem(
                      "titan.base_url", ConfigLoader.ENV_BASE_URL + " " + wrong));
    }
    Secret apiKey = Secret.of(reader.string("titan", "api_key", "").strip());
    if (!Secret.sendable(apiKey.reveal())) {
      reader.problem(List.of("titan", "api_key"), Secret.NOT_SENDABLE);
    }
    Optional<String> keyFromEnv = env.value(ConfigLoader.ENV_API_KEY);
    if (keyFromEnv.isPresent()) {
      apiKey = Secret.of(keyFromEnv.get());
      if (!Secret.sendable(keyFromEnv.get())) {
        reader.environmentProblem(
            "titan.api_key", ConfigLoader.ENV_API_KEY + " " + Secret.NOT_SENDABLE);
      }
    }
    String proxy = reader.string("titan", "proxy", "").strip();
    if (!proxy.isEmpty()) {
      TitanUrls.proxyProblem(proxy)
          .ifPresent(wrong -> reader.problem(List.of("titan", "proxy"), wrong));
    }
    Optional<String> proxyFromEnv = env.value(ConfigLoader.ENV_PROXY);
    if (proxyFromEnv.isPresent()) {
      proxy = proxyFromEnv.get();
      TitanUrls.proxyProblem(proxy)
          .ifPresent(
              wrong ->
                  reader.environmentProblem("titan.proxy", ConfigLoader.ENV_PROXY + " " + wrong));
    }
    return new Titan(
        TitanUrls.withoutTrailingSlashes(baseUrl),
        apiKey,
        reader.integer("titan", "timeout_seconds", 30, 1, 600),
        reader.integer("titan", "page_size", 500, 1, 500),
        reader.integer("titan", "max_concurrency", 4, 1, 64),
        reader.decimal("titan", "max_requests_per_second", 0.0, 0, false, Double.MAX_VALUE),
        reader.decimal("titan", "initial_requests_per_second", 10.0, 0, true, Double.MAX_VALUE),
        proxy);
  }
}
