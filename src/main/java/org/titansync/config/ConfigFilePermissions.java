package org.titansync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * doctor's look at the config file itself: a file that holds a secret (the API key, the SMTP or
 * SFTP password written in it rather than in the environment) must not be readable by everyone on
 * the machine.
 */
public final class ConfigFilePermissions {
  /** The keys whose value is a secret, as the file writes them. */
  private static final List<String> SECRETS =
      List.of("titan.api_key", "email.password", "sftp.password");

  private ConfigFilePermissions() {}

  /**
   * The problem with the file's permissions, or null when there is none (no secret in it, modes
   * that keep others out, or a file system without POSIX modes).
   *
   * <p>A district's file ({@code run --districts}) reads no {@code TITAN_*} variable: its key goes
   * to a file or variable of its own instead, and the advice says so.
   */
  public static String problem(ConfigSource source) {
    Path configFile = source.file();
    if (configFile == null || !Files.isRegularFile(configFile)) {
      return null;
    }
    List<String> held = new ArrayList<>();
    try {
      TomlParseResult toml = Toml.parse(configFile);
      for (String key : SECRETS) {
        if (toml.isString(key) && !toml.getString(key).isEmpty()) {
          held.add(key);
        }
      }
    } catch (IOException e) {
      return null; // the config itself was read already; its check said so if it could not be
    }
    if (held.isEmpty()) {
      return null;
    }
    Set<PosixFilePermission> modes;
    try {
      modes = Files.getPosixFilePermissions(configFile);
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
    if (!modes.contains(PosixFilePermission.OTHERS_READ)
        && !modes.contains(PosixFilePermission.OTHERS_WRITE)) {
      return null;
    }
    return "the config file "
        + configFile
        + " holds a secret ("
        + String.join(", ", held)
        + ") and every user of this machine may read it (mode "
        + java.nio.file.attribute.PosixFilePermissions.toString(modes)
        + "): chmod 0640 "
        + configFile
        + " (owner root, group titan-sync), or better, "
        + (source.district()
            ? "keep the key out of it: titan.api_key_file (a file only the service reads) or"
                + " titan.api_key_env (a variable of this district's own)"
            : "move the secret to /etc/titan-sync/env"
                + " (TITAN_API_KEY, TITAN_SYNC_SMTP_PASSWORD, TITAN_SYNC_SFTP_PASSWORD)");
  }
}
