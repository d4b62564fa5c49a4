package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment beside config.toml: what wins, what fills in, what counts as unset. */
class ConfigEnvironmentTest {
  @TempDir Path dir;

  private Path write(String toml) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void environmentWinsOverTheFile() throws Exception {
    Map<String, String> env =
        Map.of(
            "TITAN_API_KEY", "env-key",
            "TITAN_SYNC_SMTP_PASSWORD", "env-password",
            "TITAN_BASE_URL", "http://127.0.0.1:8089/api/v1",
            "TITAN_PROXY", "http://10.0.0.9:8080");

    SyncConfig config = ConfigLoader.load(write(ConfigLoaderTest.EVERY_KEY), env);

    assertEquals("http://10.0.0.9:8080", config.titan().proxy());
    assertEquals("env-key", config.titan().apiKey().reveal());
    assertEquals("env-password", config.email().password().reveal());
    assertEquals("http://127.0.0.1:8089/api/v1", config.titan().baseUrl());
  }

  @Test
  void environmentFillsWhatTheFileLeavesOut() throws Exception {
    Map<String, String> env =
        Map.of("TITAN_API_KEY", "env-key", "TITAN_BASE_URL", "https://titan.example.org/api/v1");

    SyncConfig loaded = ConfigLoader.load(write("[titan]\npage_size = 100\n"), env);
    SyncConfig defaults = ConfigLoader.defaults(dir, env);

    assertEquals(List.of(), loaded.missingForApi());
    assertEquals("env-key", loaded.titan().apiKey().reveal());
    assertEquals(List.of(), defaults.missingForApi());
    assertEquals("env-key", defaults.titan().apiKey().reveal());
  }

  @Test
  void blankEnvironmentVariablesCountAsUnset() throws Exception {
    SyncConfig config =
        ConfigLoader.load(
            write("[titan]\napi_key = \"file-key\"\n"), Map.of("TITAN_API_KEY", "  "));

    assertEquals("file-key", config.titan().apiKey().reveal());
  }

  @Test
  void missingApiSettingsAreReportedOnlyWhenAsked() throws Exception {
    SyncConfig config =
        ConfigLoader.load(write("[titan]\nbase_url = \"https://t.example\"\n"), Map.of());

    assertEquals(
        List.of("titan.api_key (or the TITAN_API_KEY environment variable)"),
        config.missingForApi());
    ConfigException e = assertThrows(ConfigException.class, config::requireApiSettings);
    assertTrue(e.getMessage().contains("titan.api_key"), e.getMessage());
    assertFalse(e.getMessage().contains("titan.base_url"), e.getMessage());
  }
}
