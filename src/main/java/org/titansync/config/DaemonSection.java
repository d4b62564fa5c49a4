package org.titansync.config;

import java.nio.file.Path;
import java.util.List;
import org.titansync.config.SyncConfig.Daemon;

/** Reads {@code [daemon]}, and through {@link SftpSection} the {@code [sftp]} only it uses. */
final class DaemonSection {
  private DaemonSection() {}

  static Daemon read(
      ConfigReader reader, Path baseDir, SyncConfig.Paths paths, ConfigEnvironment env) {
    List<String> suffixPath = List.of("daemon", "done_suffix");
    String doneSuffix = reader.string(suffixPath, "").strip();
    if (doneSuffix.contains("/") || doneSuffix.contains("\\")) {
      reader.problem(
          suffixPath,
          "must be an ending such as \".done\", not a path; got \"" + doneSuffix + "\"");
      doneSuffix = "";
    }
    // The lock sits beside the files it guards unless told otherwise, so that any two daemons
    // watching one inbox agree on a leader without further setup.
    Path lockDir = reader.optionalPath(List.of("daemon", "lock_dir"), baseDir);
    if (lockDir == null) {
      lockDir = paths.inbox().resolve(".titan-sync-lock");
    }
    String httpHost = reader.string("daemon", "http_host", "").strip();
    if (httpHost.contains("/") || httpHost.contains(" ")) {
      reader.problem(
          List.of("daemon", "http_host"),
          "must be a host name or address such as 127.0.0.1, got \"" + httpHost + "\"");
      httpHost = "";
    }
    return new Daemon(
        reader.integer("daemon", "quiet_seconds", 60, 1, 86_400),
        doneSuffix,
        reader.decimal("daemon", "poll_seconds", 5.0, 0.1, false, 3_600),
        reader.integer("daemon", "retry_seconds", 300, 1, 86_400),
        reader.integer("daemon", "stop_timeout_seconds", 60, 1, 3_600),
        lockDir,
        reader.decimal("daemon", "failover_seconds", 15.0, 1, false, 3_600),
        httpHost,
        reader.integer("daemon", "http_port", 0, 0, 65_535),
        SftpSection.read(reader, baseDir, env),
        DistrictsSection.read(reader));
  }
}
