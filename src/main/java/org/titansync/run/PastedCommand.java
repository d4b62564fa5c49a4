package org.titansync.run;

import org.titansync.config.ConfigSource;
import org.titansync.config.TitanSettings;

/**
 * A titan-sync command as titan-sync suggests it (the CLI, the reports, reason files, the mail):
 * with the {@code --sandbox} and {@code --config} of the run it came from ({@code --districts DIR
 * --district NAME} for a district's), quoted for a shell, so that it works when pasted.
 */
public final class PastedCommand {
  private PastedCommand() {}

  /**
   * {@code titan-sync approve RUN --sandbox --config FILE}, or {@code titan-sync approve RUN
   * --districts DIR --district NAME}.
   *
   * @param what the command and its arguments, e.g. {@code approve 20261126-173621-9f3a}
   * @param titan the Titan the run used: its base URL, or {@code sandbox}
   * @param source the config the run used
   */
  public static String of(String what, String titan, ConfigSource source) {
    String sandbox = TitanSettings.SANDBOX.equals(titan) ? " --sandbox" : "";
    if (source.file() == null) {
      return "titan-sync " + what + sandbox;
    }
    if (source.district()) {
      String name = source.file().getFileName().toString();
      return "titan-sync "
          + what
          + sandbox
          + " --districts "
          + word(source.file().getParent().toString())
          + " --district "
          + name.substring(0, name.length() - ".toml".length());
    }
    return "titan-sync " + what + sandbox + " --config " + word(source.file().toString());
  }

  /** A path as one shell word: as it is when plain, else in double quotes. */
  private static String word(String path) {
    if (path.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return path;
    }
    return "\"" + path.replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
  }
}
