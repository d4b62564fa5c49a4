package org.titansync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.titansync.config.ConfigException;
import org.titansync.config.ConfigLoader;
import org.titansync.config.SyncConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that reads the config. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The config file (default: ${DEFAULT-VALUE}). Relative paths in it resolve"
              + " against its folder.",
      defaultValue = "config.toml")
  Path config;

  /**
   * The config to run with. With {@code sandbox} a missing file is fine: every default applies,
   * with folders relative to the current directory.
   */
  SyncConfig load(boolean sandbox) throws ConfigException {
    if (sandbox && !Files.exists(config)) {
      return ConfigLoader.defaults(Path.of("").toAbsolutePath(), System.getenv());
    }
    return ConfigLoader.load(config, System.getenv());
  }
}
