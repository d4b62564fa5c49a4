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
    String remoteDirProblem = remoteDirProblem(remoteDir);
    if (remoteDirProblem != null) {
      reader.problem(List.of("sftp", "remote_dir"), remoteDirProblem);
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
        reader.word("sftp", "after_fetch", SyncConfig.AfterFetch.MOVE, SyncConfig.AfterFetch.class),
        reader.integer("sftp", "stable_polls", 3, 1, 100),
        reader.integer("sftp", "down_after_failures", 3, 1, 1000),
        reader.decimal("sftp", "backoff_seconds", 300.0, 0.1, false, 86_400),
        reader.integer("sftp", "timeout_seconds", 30, 1, 3600));
  }

  /**
   * What is wrong with a remote_dir as typed, with the fix; null when it can be used. An absolute
   * path is taken as it is, a relative one from the login folder (docs/operations.md, "SFTP"):
   * titan-sync never rewrites it, so what the SFTP server cannot mean is refused here.
   */
  static String remoteDirProblem(String dir) {
    if (dir.contains("\\")) {
      return "uses \"\\\"; SFTP paths use \"/\", such as \"/uploads\" or \"uploads\", got \""
          + dir
          + "\"";
    }
    if (dir.startsWith("~")) {
      return "cannot start with \"~\" (SFTP does not expand it): give the folder relative to the"
          + " login folder, such as \"uploads\", or leave it empty for the login folder";
    }
    if (dir.matches(".*://.*")) {
      return "is a folder on the server, not a URL (set sftp.host), got \"" + dir + "\"";
    }
    for (String part : dir.split("/", -1)) {
      if (part.equals("..")) {
        return "cannot contain \"..\"";
      }
    }
    for (int i = 0; i < dir.length(); i++) {
      if (Character.isISOControl(dir.charAt(i))) {
        return "cannot contain control characters";
      }
    }
    return null;
  }
}
