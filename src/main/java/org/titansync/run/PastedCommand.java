package org.titansync.run;

import java.nio.file.Path;
import org.titansync.config.TitanSettings;

/**
 * A titan-sync command as titan-sync suggests it (the CLI, the reports, reason files, the mail):
 * with the {@code --sandbox} and {@code --config} of the run it came from, quoted for a shell, so
 * that it works when pasted.
 */
public final class PastedCommand {
  private PastedCommand() {}

  /**
   * {@code titan-sync approve RUN --sandbox --config FILE}.
   *
   * @param what the command and its arguments, e.g. {@code approve 20261126-173621-9f3a}
   * @param titan the Titan the run used: its base URL, or {@code sandbox}
   * @param configFile the config the run used; null when it used none
   */
  public static String of(String what, String titan, Path configFile) {
    String sandbox = TitanSettings.SANDBOX.equals(titan) ? " --sandbox" : "";
    if (configFile == null) {
      return "titan-sync " + what + sandbox;
    }
    String path = configFile.toString();
    if (!path.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      path = "\"" + path.replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
    }
    return "titan-sync " + what + sandbox + " --config " + path;
  }
}
