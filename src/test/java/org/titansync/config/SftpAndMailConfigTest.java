package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sftp.remote_dir as typed (what SFTP cannot mean is refused) and the mail's own name. */
class SftpAndMailConfigTest {
  @TempDir Path dir;

  @Test
  void remoteDirsAnAdminTypesAreTakenAndTheOthersRefusedWithTheFix() {
    for (String ok : new String[] {"", ".", "/uploads", "uploads", "exports/staff", "/a b/c"}) {
      assertNull(SftpSection.remoteDirProblem(ok), ok);
    }
    assertTrue(SftpSection.remoteDirProblem("~/uploads").contains("relative to the login folder"));
    assertTrue(SftpSection.remoteDirProblem("C:\\\\exports").contains("use \"/\""));
    assertTrue(SftpSection.remoteDirProblem("sftp://host/uploads").contains("not a URL"));
    assertTrue(SftpSection.remoteDirProblem("/uploads/../etc").contains(".."));
  }

  @Test
  void theMailNameIsTheDomainOfFromUnlessHeloSaysOtherwise() throws Exception {
    String mail =
        """
        [email]
        enabled = true
        host = "smtp.x"
        from = "Titan Sync <Sync@District.ORG>"
        to = ["it@district.org"]
        """;
    assertEquals("district.org", load(mail).email().helo());
    assertEquals(
        "relay-out.district.org",
        load(mail + "helo = \"relay-out.district.org\"\n").email().helo());
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(mail + "helo = \"not a name\"\n"));
    assertTrue(e.getMessage().contains("email.helo"), e.getMessage());
  }

  private SyncConfig load(String toml) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml);
    return ConfigLoader.load(file, Map.of());
  }
}
