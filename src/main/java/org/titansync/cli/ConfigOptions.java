package org.titansync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.titansync.config.ConfigException;
import org.titansync.config.ConfigLoader;
import org.titansync.config.DistrictName;
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

  @Option(
      names = "--districts",
      paramLabel = "DIR",
      description =
          "The districts folder, one NAME.toml per district (default: districts). With"
              + " --district, the command works on that district; `run` without --district"
              + " serves them all.")
  Path districts;

  @Option(
      names = "--district",
      paramLabel = "NAME",
      description = "Work on this district of the districts folder: its NAME.toml is the config.")
  String district;

  /**
   * The config to run with: the district's with {@code --district}. With {@code sandbox} a missing
   * file is fine: every default applies, with folders relative to the current directory.
   */
  SyncConfig load(boolean sandbox) throws ConfigException {
    if (district != null) {
      return loadDistrict();
    }
    if (sandbox && !Files.exists(config)) {
      return ConfigLoader.defaults(Path.of("").toAbsolutePath(), System.getenv());
    }
    return ConfigLoader.load(config, System.getenv());
  }

  /** Whether {@code --districts} was given without {@code --district}: {@code run} serves all. */
  boolean allDistricts() {
    return districts != null && district == null;
  }

  /** The districts folder. */
  Path districtsDir() {
    return districts == null ? Path.of("districts") : districts;
  }

  /**
   * The process's own settings for {@code run --districts}: {@code --config} when the file exists
   * ([districts], [daemon]'s health server, [logging]), else every default.
   */
  SyncConfig loadHost() throws ConfigException {
    if (!Files.exists(config)) {
      return ConfigLoader.defaults(Path.of("").toAbsolutePath(), System.getenv());
    }
    return ConfigLoader.load(config, System.getenv());
  }

  private SyncConfig loadDistrict() throws ConfigException {
    if (DistrictName.parse(district).isEmpty()) {
      throw new ConfigException(
          null, 0, "--district", "\"" + district + "\": " + DistrictName.rule());
    }
    Path file = districtsDir().resolve(district + ".toml");
    return ConfigLoader.loadDistrict(file, System.getenv());
  }
}
