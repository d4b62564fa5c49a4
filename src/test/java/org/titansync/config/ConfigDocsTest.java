package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/** config.example.toml and docs/config.md show every key titan-sync knows, and only those. */
class ConfigDocsTest {
  private static final Path EXAMPLE = Path.of("config.example.toml");

  @Test
  void theExampleFileParsesCleanly() throws Exception {
    SyncConfig config = ConfigLoader.load(EXAMPLE, Map.of());

    assertEquals("https://titan.example.org/api/v1", config.titan().baseUrl());
    assertEquals(
        "Lincoln High School", config.siteAliases().get("lincoln hs"), "keys are lower-cased");
    assertFalse(config.email().enabled());
    assertEquals(
        List.of("titan.api_key (or the TITAN_API_KEY environment variable)"),
        config.missingForApi(),
        "the example leaves the key to the environment");
  }

  @Test
  void knownKeysCoverEveryKeyOfTheExampleAndTheExampleShowsEveryKnownKey() throws Exception {
    String text = Files.readString(EXAMPLE);
    TomlParseResult toml = Toml.parse(text);
    Set<String> active = new TreeSet<>();
    for (String key : toml.dottedKeySet()) {
      List<String> path = Toml.parseDottedKey(key);
      active.add(path.size() >= 2 ? path.get(0) + "." + path.get(1) : path.get(0));
    }
    Set<String> unknown = new TreeSet<>(active);
    unknown.removeAll(ConfigLoader.knownKeys());
    assertEquals(Set.of(), unknown, "unknown keys in the example");

    // Secrets are shown commented out ("# api_key = ..."), so look at the comments too.
    Set<String> shown = new TreeSet<>(active);
    String table = "";
    Matcher header = Pattern.compile("^\\[([a-z_.]+)]").matcher("");
    Matcher commented = Pattern.compile("^#\\s*([a-z_]+)\\s*=").matcher("");
    for (String line : text.lines().toList()) {
      if (header.reset(line).find()) {
        table = header.group(1);
      } else if (commented.reset(line).find()) {
        shown.add(table + "." + commented.group(1));
      }
    }
    for (String key : ConfigLoader.knownKeys()) {
      assertTrue(shown.contains(key), "config.example.toml does not show " + key);
    }
  }

  @Test
  void docsDescribeEveryKnownKey() throws Exception {
    String docs = Files.readString(Path.of("docs/config.md"));

    for (String key : ConfigLoader.knownKeys()) {
      assertTrue(docs.contains("| `" + key + "` |"), "docs/config.md has no row for " + key);
    }
  }

  @Test
  void theEveryKeyFixtureReallyHasEveryKey() {
    TomlParseResult toml = Toml.parse(ConfigLoaderTest.EVERY_KEY);
    Set<String> written = new TreeSet<>();
    for (String key : toml.dottedKeySet(true)) {
      List<String> path = Toml.parseDottedKey(key);
      if (path.size() >= 2) {
        written.add(path.get(0) + "." + path.get(1));
      }
    }
    assertEquals(new TreeSet<>(ConfigLoader.knownKeys()), written);
  }
}
