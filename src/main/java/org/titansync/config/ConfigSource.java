package org.titansync.config;

import java.nio.file.Path;

/**
 * Where a config was read from, as the commands titan-sync suggests name it: {@code --config FILE},
 * or for a district of {@code run --districts}, {@code --districts DIR --district NAME}. A
 * district's file is read without the {@code TITAN_*} variables, so only the district form reads it
 * again the way its runs read it.
 *
 * @param file the file (absolute), or null when every default applies
 * @param district whether the file is a district's, {@code DIR/NAME.toml}
 */
public record ConfigSource(Path file, boolean district) {
  /** No file: every default. */
  public static final ConfigSource NONE = new ConfigSource(null, false);

  /** An ordinary config file, read with {@code --config}. */
  public static ConfigSource of(Path file) {
    return new ConfigSource(file, false);
  }
}
