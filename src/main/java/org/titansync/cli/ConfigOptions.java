package org.titansync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.titansync.config.ConfigException;
import org.titansync.config.ConfigLoader;
import org.titansync.config.DistrictName;
import org.titansync.config.DistrictsFolder;
import org.titansync.config.SyncConfig;
import org.titansync.run.ShownName;
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
    if (districts != null) {
      // Only run serves a whole folder; any other command on it would quietly read ./config.toml.
      throw new ConfigException(
          null,
          0,
          "--districts",
          "a command other than run works on one district: add --district NAME ("
              + ShownName.escape(districts.toAbsolutePath().toString())
              + " "
              + listing(districts)
              + ")");
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
    Path dir = districtsDir();
    Path file = dir.resolve(district + ".toml");
    boolean served;
    try {
      served = DistrictsFolder.names(dir).stream().anyMatch(n -> n.value().equals(district));
    } catch (IOException e) {
      throw new ConfigException(null, 0, "--districts", unreadable(dir, e));
    }
    if (!served) {
      // The files run --districts serves, and no other: a link or a folder named NAME.toml is not
      // a district there, so it is none here either.
      throw new ConfigException(
          null,
          0,
          "--district",
          "no district \""
              + district
              + "\" in "
              + ShownName.escape(dir.toAbsolutePath().toString())
              + (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                  ? ": "
                      + district
                      + ".toml there is not a plain file, and run --districts"
                      + " does not serve it either"
                  : ", which " + listing(dir)));
    }
    SyncConfig loaded = ConfigLoader.loadDistrict(file, System.getenv());
    // A district run --districts refuses for a folder an earlier district has is refused here too:
    // its runs would take that district's run lock and write into its audit log and memory.
    Optional<String> shared;
    try {
      shared =
          DistrictsFolder.sharedFolder(
              dir, DistrictName.parse(district).orElseThrow(), loaded, System.getenv());
    } catch (IOException e) {
      throw new ConfigException(null, 0, "--districts", unreadable(dir, e));
    }
    if (shared.isPresent()) {
      throw new ConfigException(
          file,
          0,
          "paths",
          "district " + district + ": " + shared.get() + "; run --districts refuses it too");
    }
    return loaded;
  }

  /** How many district names an error message lists: a folder may hold hundreds. */
  private static final int SHOWN_NAMES = 20;

  /** What a districts folder holds, as an error message says it: "holds a, b". */
  private static String listing(Path dir) {
    try {
      List<DistrictName> names = DistrictsFolder.names(dir);
      if (names.isEmpty()) {
        return "holds no district file NAME.toml";
      }
      StringJoiner joined = new StringJoiner(", ");
      names.stream().limit(SHOWN_NAMES).forEach(n -> joined.add(n.value()));
      return "holds "
          + joined
          + (names.size() > SHOWN_NAMES
              ? " and " + (names.size() - SHOWN_NAMES) + " more (one NAME.toml each)"
              : "");
    } catch (IOException e) {
      return "cannot be read: " + unreadable(dir, e);
    }
  }

  private static String unreadable(Path dir, IOException e) {
    String shown = ShownName.escape(dir.toAbsolutePath().toString());
    if (e instanceof NoSuchFileException) {
      return "the districts folder " + shown + " does not exist";
    }
    if (e instanceof NotDirectoryException) {
      return "the districts folder " + shown + " is not a folder";
    }
    return "cannot read the districts folder "
        + shown
        + ": "
        + ShownName.escape(String.valueOf(e.getMessage()));
  }
}
