package org.titansync.config;

import java.util.List;
import java.util.Optional;

/** Reads {@code [titan]}, with the TITAN_BASE_URL, TITAN_API_KEY and TITAN_PROXY overrides. */
final class TitanSection {
  private TitanSection() {}

  static TitanSettings read(
      ConfigReader reader, java.nio.file.Path baseDir, ConfigEnvironment env) {
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
    apiKey = namedKey(reader, baseDir, env, apiKey);
    Optional<String> keyFromEnv = env.value(ConfigLoader.ENV_API_KEY);
    if (keyFromEnv.isPresent()) {
      apiKey = Secret.of(keyFromEnv.get());
      if (!Secret.sendable(keyFromEnv.get())) {
        reader.environmentProblem(
            "titan.api_key", ConfigLoader.ENV_API_KEY + " " + Secret.NOT_SENDABLE);
      }
    }
    if (!Secret.sendable(apiKey.reveal())) {
      reader.problem(List.of("titan", "api_key"), Secret.NOT_SENDABLE);
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
    return new TitanSettings(
        TitanUrls.withoutTrailingSlashes(baseUrl),
        apiKey,
        reader.integer("titan", "timeout_seconds", 30, 1, 600),
        reader.integer("titan", "page_size", 500, 1, 500),
        reader.integer("titan", "max_concurrency", 4, 1, 64),
        reader.decimal("titan", "max_requests_per_second", 0.0, 0, false, Double.MAX_VALUE),
        reader.decimal("titan", "initial_requests_per_second", 10.0, 0, true, Double.MAX_VALUE),
        proxy,
        false);
  }

  /**
   * The key from the variable {@code titan.api_key_env} names, or from the file {@code
   * titan.api_key_file} names (its first line), when one is set: so that each district of one
   * process keeps its own key out of its config file. At most one of the three ways.
   */
  private static Secret namedKey(
      ConfigReader reader, java.nio.file.Path baseDir, ConfigEnvironment env, Secret inFile) {
    List<String> envPath = List.of("titan", "api_key_env");
    List<String> filePath = List.of("titan", "api_key_file");
    String variable = reader.string(envPath, "").strip();
    String file = reader.string(filePath, "").strip();
    int ways = (inFile.isEmpty() ? 0 : 1) + (variable.isEmpty() ? 0 : 1) + (file.isEmpty() ? 0 : 1);
    if (ways > 1) {
      reader.problem(
          variable.isEmpty() ? filePath : envPath,
          "set only one of titan.api_key, titan.api_key_env and titan.api_key_file");
      return inFile;
    }
    if (!variable.isEmpty()) {
      Optional<String> value = env.variable(variable);
      if (value.isEmpty()) {
        reader.problem(envPath, "names the variable " + variable + ", which is not set");
        return Secret.none();
      }
      return Secret.of(value.get());
    }
    if (!file.isEmpty()) {
      java.nio.file.Path path = baseDir.resolve(file).normalize();
      try {
        String text = java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
          reader.problem(filePath, "the key file " + path + " is empty");
        }
        return Secret.of(firstLine);
      } catch (java.io.IOException | RuntimeException e) {
        // The exception's text names the file only, never its content.
        reader.problem(
            filePath,
            "cannot read the key file " + path + " (" + e.getClass().getSimpleName() + ")");
        return Secret.none();
      }
    }
    return inFile;
  }
}
