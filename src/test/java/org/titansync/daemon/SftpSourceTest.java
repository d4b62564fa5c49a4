package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.titansync.daemon.DaemonHarness.await;
import static org.titansync.daemon.DaemonHarness.files;
import static org.titansync.daemon.DaemonHarness.io;
import static org.titansync.daemon.DaemonHarness.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [sftp]: an export on an SFTP server (embedded Apache MINA SSHD) is fetched and synced. */
class SftpSourceTest {
  @TempDir Path dir;

  @Test
  void aFileOnTheSftpServerIsFetchedIntoTheInboxAndSynced() throws Exception {
    Path root = Files.createDirectories(dir.resolve("sftp-root"));
    Path exports = Files.createDirectories(root.resolve("exports"));
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser")));
    sshd.setPasswordAuthenticator(
        (user, password, session) -> "sis".equals(user) && "s3cret)pass".equals(password));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
    try (DaemonHarness h = DaemonHarness.start(dir.resolve("daemon"))) {
      KeyPair hostKey = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(
          knownHosts,
          "[127.0.0.1]:"
              + sshd.getPort()
              + " "
              + PublicKeyEntry.toString(hostKey.getPublic())
              + "\n");
      h.writeConfig(
          "[sftp]\n"
              + "host = \"127.0.0.1\"\n"
              + "port = "
              + sshd.getPort()
              + "\n"
              + "username = \"sis\"\n"
              + "password = \"s3cret)pass\"\n"
              + "known_hosts = \""
              + knownHosts
              + "\"\n"
              + "remote_dir = \"exports\"\n"
              + "poll_seconds = 0.2\n");
      h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, exports.resolve("staff.csv"));

      Path archive = h.dir().resolve("archive");
      await(
          "the fetched file synced", Duration.ofSeconds(60), io(() -> files(archive).size() == 1));
      List<Path> runs = runs(h.dir().resolve("logs"));
      assertEquals(1, runs.size());
      assertEquals("applied", DaemonHarness.status(runs.get(0)));
      assertEquals(
          Files.readString(DaemonHarness.SAMPLE),
          Files.readString(runs.get(0).resolve("input.csv")));
      assertFalse(Files.exists(exports.resolve("staff.csv")), "taken off the server");
      assertEquals(1, files(exports.resolve(".fetched")).size(), "kept in .fetched/ on the server");
    } finally {
      sshd.stop(true);
    }
  }

  @Test
  void aLinkOnTheSftpServerIsNeverFetchedAndTheFilesBesideItAre() throws Exception {
    Path root = Files.createDirectories(dir.resolve("sftp-root"));
    Path exports = Files.createDirectories(root.resolve("exports"));
    Path secret = Files.writeString(root.resolve("titan.env"), "TITAN_API_KEY=never-shown-5Kw2\n");
    Files.createSymbolicLink(exports.resolve("linked.csv"), secret);
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser")));
    sshd.setPasswordAuthenticator(
        (user, password, session) -> "sis".equals(user) && "pw".equals(password));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
    try (DaemonHarness h = DaemonHarness.start(dir.resolve("daemon"))) {
      KeyPair hostKey = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
      Path knownHosts = dir.resolve("known_hosts");
      Files.writeString(
          knownHosts,
          "[127.0.0.1]:"
              + sshd.getPort()
              + " "
              + PublicKeyEntry.toString(hostKey.getPublic())
              + "\n");
      h.writeConfig(
          "[sftp]\n"
              + "host = \"127.0.0.1\"\n"
              + "port = "
              + sshd.getPort()
              + "\n"
              + "username = \"sis\"\n"
              + "password = \"pw\"\n"
              + "known_hosts = \""
              + knownHosts
              + "\"\n"
              + "remote_dir = \"exports\"\n"
              + "poll_seconds = 0.2\n");
      h.startDaemon();
      Files.copy(DaemonHarness.SAMPLE, exports.resolve("staff.csv"));

      Path archive = h.dir().resolve("archive");
      await(
          "the regular file synced", Duration.ofSeconds(60), io(() -> files(archive).size() == 1));
      // A few more polls of the server: the link stays where it is, unread.
      h.awaitSftpPolls(5);
      assertEquals(1, runs(h.dir().resolve("logs")).size(), "no run for the link");
      assertTrue(Files.isSymbolicLink(exports.resolve("linked.csv")), "left on the server");
      for (Path p : files(h.dir())) {
        assertFalse(
            Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("never-shown"),
            p + " holds the link's target");
      }
    } finally {
      sshd.stop(true);
    }
  }
}
