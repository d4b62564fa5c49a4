package org.titansync.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Whether the config file changed since the daemon read it. The daemon does not reload its config:
 * the routes, the inbox, the lock, the mail and the guardrails were all built from it, and half a
 * reload is worse than none. So while the file on disk differs from the one read at start, the
 * daemon starts no run (a file in the inbox waits there) and says that a restart is needed; an
 * operator who followed advice and changed the config is not refused again and again with the old
 * one. Putting the old content back is enough too.
 */
public final class ConfigWatch {
  private final Path file;
  private final byte[] digest;
  private final String remedy;

  private ConfigWatch(Path file, byte[] digest, String remedy) {
    this.file = file;
    this.digest = digest;
    this.remedy = remedy;
  }

  /** The config file as it is now; a daemon without a config file watches nothing. */
  public static ConfigWatch of(Path configFile) {
    return new ConfigWatch(
        configFile,
        configFile == null ? null : digest(configFile),
        " since the daemon started; no run starts with the old config: restart the daemon"
            + " (systemctl restart titan-sync) to use the new one");
  }

  /**
   * A district's file of {@code run --districts}: the host starts the district again with a changed
   * file when it next reads the folder, so no restart is needed, only the wait.
   */
  public static ConfigWatch ofDistrict(Path districtFile, int rescanSeconds) {
    return new ConfigWatch(
        districtFile,
        digest(districtFile),
        " since the district started; no run starts with the old config: the district starts"
            + " again with the new one when the folder is next read (within "
            + rescanSeconds
            + " s)");
  }

  /** Why no run may start with the config read at start; null when it is still the file's. */
  public String stale() {
    if (file == null) {
      return null;
    }
    byte[] now = digest(file);
    if (Arrays.equals(now, digest)) {
      return null;
    }
    return "the config file "
        + file
        + (now == null ? " can no longer be read" : " changed")
        + remedy;
  }

  /** SHA-256 of the file; null when it cannot be read. */
  private static byte[] digest(Path file) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
