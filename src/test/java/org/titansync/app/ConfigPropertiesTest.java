package org.titansync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.SyncConfig;

/**
 * The routes' titan.* placeholders as ConfigProperties answers them: from the config, the daemon's
 * for the daemon only, the SFTP ones only with [sftp], and the SFTP password in none of them (the
 * sftpSource bean holds it).
 */
class ConfigPropertiesTest {
  static final String PASSWORD = "Sftp-Pw)7x-never-shown";

  @TempDir Path dir;

  private SyncConfig config(String more) throws Exception {
    return RouteTestSetup.config(
        dir,
        "https://titan.example.org/api/v1",
        "key",
        "[retry]\ninitial_delay_ms = 40\nmax_delay_ms = 900\nmultiplier = 1.5\n" + more);
  }

  @Test
  void theOneShotCommandsGetThePipelinesPlaceholdersOnly() throws Exception {
    ConfigProperties properties = ConfigProperties.forRuns(config(""));

    assertEquals("40", properties.getProperty("titan.retry.initial_delay_ms"));
    assertEquals("900", properties.getProperty("titan.retry.max_delay_ms"));
    assertEquals("1.5", properties.getProperty("titan.retry.multiplier"));
    assertTrue(
        properties.getProperty("titan.mail.endpoint").startsWith("smtp://"),
        properties.getProperty("titan.mail.endpoint"));
    assertNull(properties.getProperty("titan.daemon"));
    assertNull(properties.getProperty("titan.inbox.dir"));
    assertNull(
        properties.getProperty("camel.main.name"), "camel.* stays with application.properties");
  }

  @Test
  void theDaemonGetsItsInboxAndSftpPlaceholdersAndNeverThePassword() throws Exception {
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    SyncConfig config =
        config(
            "[sftp]\nhost = \"sftp.example.org\"\nusername = \"sis\"\npassword = \""
                + PASSWORD
                + "\"\nknown_hosts = \""
                + knownHosts
                + "\"\n");
    ConfigProperties properties = ConfigProperties.forDaemon(config);

    assertEquals("true", properties.getProperty("titan.daemon"));
    assertEquals(
        config.paths().inbox().toAbsolutePath().toString(),
        properties.getProperty("titan.inbox.dir"));
    assertEquals("60000", properties.getProperty("titan.sftp.poll_ms"));
    assertEquals("2000", properties.getProperty("titan.sftp.first_poll_ms"));
    for (String name :
        new String[] {
          "titan.sftp.host", "titan.sftp.username", "titan.sftp.options", "titan.sftp.password"
        }) {
      assertNull(properties.getProperty(name), name + ": the sftpSource bean has [sftp]");
    }
    assertFalse(properties.toString().contains(PASSWORD), properties.toString());

    ConfigProperties withoutSftp = ConfigProperties.forDaemon(config(""));
    assertNull(withoutSftp.getProperty("titan.sftp.poll_ms"));
  }
}
