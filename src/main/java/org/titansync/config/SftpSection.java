package org.titansync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code [sftp]}, with the TITAN_SYNC_SFTP_PASSWORD override. */
final class SftpSection {
  private SftpSection() {}

  static SyncConfig.Sftp read(ConfigReader reader, Path baseDir, ConfigEnvironment env) {
    String host = reader.string("sftp", "host", "").strip();
    if (host.contains("/") || (host.contains(":") && !host.startsWith("["))) {
      reader.problem(
          List.of("sftp", "host"),
          "must be a host name or address without scheme or port (set sftp.port), got \""
              + host
              + "\"");
    }
    String username = reader.string("sftp", "username", "").strip();
    Secret password = Secret.of(reader.string("sftp", "password", ""));
    Optional<String> passwordFromEnv = env.value(ConfigLoader.ENV_SFTP_PASSWORD);
    if (passwordFromEnv.isPresent()) {
      password = Secret.of(passwordFromEnv.get());
    }
    Path privateKey = reader.optionalPath(List.of("sftp", "private_key"), baseDir);
    Path knownHosts = reader.optionalPath(List.of("sftp", "known_hosts"), baseDir);
    if (!host.isEmpty()) {
      int line = reader.line(List.of("sftp", "host"));
      if (username.isEmpty()) {
        reader.problemAt(line, "sftp.username", "required when sftp.host is set");
      }
      if (password.isEmpty() && privateKey == null) {
        reader.problemAt(
            line,
            "sftp.password",
            "sftp.password (or "
                + ConfigLoader.ENV_SFTP_PASSWORD
                + ") or sftp.private_key is required"
                + " when sftp.host is set");
      }
      if (knownHosts == null) {
        reader.problemAt(
            line,
            "sftp.known_hosts",
            "required when sftp.host is set: the server's host key must be known (ssh-keyscan"
                + " -p PORT HOST > known_hosts, then check it)");
      }
    }
    String remoteDir = reader.string("sftp", "remote_dir", "").strip();
    if (remoteDir.contains("..")) {
      reader.problem(List.of("sftp", "remote_dir"), "cannot contain \"..\"");
      remoteDir = "";
    }
    return new SyncConfig.Sftp(
        host,
        reader.integer("sftp", "port", 22, 1, 65_535),
        username,
        password,
        privateKey,
        knownHosts,
        remoteDir,
        reader.decimal("sftp", "poll_seconds", 60.0, 0.1, false, 86_400),
        reader.word(
            "sftp", "after_fetch", SyncConfig.AfterFetch.MOVE, SyncConfig.AfterFetch.class));
  }
}
