package org.titansync.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Reads {@code config.toml}: parse (TOML syntax, {@link SyntaxProblems}), then validate (known keys
 * in {@link ConfigKeys}; types, ranges and words in {@link ConfigReader}; one reader per table,
 * such as {@link TitanSection}, for its cross-checks), then hand over an immutable {@link
 * SyncConfig}. All config parsing lives in this package. Every problem is collected first, so one
 * {@link ConfigException} lists them all.
 */
public final class ConfigLoader {
  /** Overrides {@code titan.api_key}. */
  public static final String ENV_API_KEY = "TITAN_API_KEY";

  /** Overrides {@code titan.proxy}. */
  public static final String ENV_PROXY = "TITAN_PROXY";

  /** Overrides {@code email.password}. */
  public static final String ENV_SMTP_PASSWORD = "TITAN_SYNC_SMTP_PASSWORD";

  /** Overrides {@code sftp.password}. */
  public static final String ENV_SFTP_PASSWORD = "TITAN_SYNC_SFTP_PASSWORD";

  /** Overrides {@code titan.base_url}. */
  public static final String ENV_BASE_URL = "TITAN_BASE_URL";

  private ConfigLoader() {}

  /**
   * Builds the TOML parser's tables (its grammar, read once per process) by parsing an empty
   * document, so that a command can have it done on another thread while it reads its command line.
   */
  public static void prepareParser() {
    var unused = Toml.parse("");
  }

  /**
   * Reads and validates {@code file}; relative paths in it resolve against its folder.
   *
   * @param env the environment ({@code System.getenv()}), whose TITAN_* variables win over the file
   * @throws ConfigException naming file, line and key of every problem found
   */
  public static SyncConfig load(Path file, Map<String, String> env) throws ConfigException {
    return load(file, new ConfigEnvironment(env), false);
  }

  /**
   * Reads one district's config ({@code run --districts}): as {@link #load}, but the process's
   * TITAN_* variables do not override it, since they would give every district the same Titan, key
   * or password; a district names its own variable or file for its key ({@code titan.api_key_env},
   * {@code titan.api_key_file}).
   */
  public static SyncConfig loadDistrict(Path file, Map<String, String> env) throws ConfigException {
    return load(file, new ConfigEnvironment(env, false), true);
  }

  private static SyncConfig load(Path file, ConfigEnvironment env, boolean district)
      throws ConfigException {
    Path configFile = file.toAbsolutePath().normalize();
    if (!Files.exists(configFile)) {
      throw new ConfigException(
          configFile,
          0,
          null,
          "config file not found: " + configFile + " (copy config.example.toml, or use --sandbox)");
    }
    if (Files.isDirectory(configFile)) {
      throw new ConfigException(
          configFile, 0, null, "config file is a folder, not a file: " + configFile);
    }
    String text;
    try {
      text = Files.readString(configFile, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new ConfigException(
          configFile,
          0,
          null,
          "config file is not UTF-8 text: " + configFile + " (save it as UTF-8)");
    } catch (IOException e) {
      throw new ConfigException(
          configFile, 0, null, "cannot read config file " + configFile + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // Windows editors like to start UTF-8 files with a BOM
    }
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      throw new ConfigException(SyntaxProblems.of(configFile, text, toml.errors()));
    }
    ConfigReader reader = new ConfigReader(configFile, toml);
    ConfigKeys.reportUnknown(reader);
    SyncConfig config =
        read(reader, new ConfigSource(configFile, district), configFile.getParent(), env);
    if (reader.hasProblems()) {
      throw new ConfigException(reader.problems());
    }
    return config;
  }

  /**
   * Every default, with the environment's overrides, and paths relative to {@code baseDir}: the
   * config of a run without a config file ({@code --sandbox}).
   *
   * @throws IllegalArgumentException when an environment override is unusable (a TITAN_BASE_URL
   *     that is not an http(s) URL)
   */
  public static SyncConfig defaults(Path baseDir, Map<String, String> env) {
    ConfigReader reader = new ConfigReader(null, Toml.parse(""));
    SyncConfig config =
        read(
            reader,
            ConfigSource.NONE,
            baseDir.toAbsolutePath().normalize(),
            new ConfigEnvironment(env));
    if (reader.hasProblems()) {
      throw new IllegalArgumentException(new ConfigException(reader.problems()).getMessage());
    }
    return config;
  }

  /**
   * Every key titan-sync understands, dotted ({@code titan.base_url}); the tables of names are
   * listed as one key each: {@code csv.columns}, {@code sites.aliases}, {@code roles.map}.
   */
  public static Set<String> knownKeys() {
    return ConfigKeys.all();
  }

  // [paths] first: the daemon's lock folder defaults to one in the inbox.
  private static SyncConfig read(
      ConfigReader reader, ConfigSource source, Path baseDir, ConfigEnvironment environment) {
    SyncConfig.Paths paths = PathsSection.read(reader, baseDir);
    return new SyncConfig(
        source,
        baseDir,
        TitanSection.read(reader, baseDir, environment),
        CsvSection.read(reader),
        RosterSection.read(reader),
        NameMapSection.read(reader, List.of("sites", "aliases")),
        NameMapSection.read(reader, List.of("roles", "map")),
        SyncSection.read(reader),
        GuardrailsSection.read(reader),
        RetrySection.read(reader),
        paths,
        EmailSection.read(reader, environment),
        DaemonSection.read(reader, baseDir, paths, environment),
        LoggingSection.read(reader));
  }
}
