package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.guard.Limits;

/**
 * The checks of single tables that ConfigErrorsTest leaves out: empty names, addresses without an
 * at sign, what an SFTP source needs, a secret on a broken line, and the guardrail defaults shared
 * with the guard.
 */
class ConfigTableChecksTest {
  @TempDir Path dir;

  private ConfigException failure(String toml, Map<String, String> env) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
  }

  private ConfigException failure(String toml) throws IOException {
    return failure(toml, Map.of());
  }

  @Test
  void anEmptyEntryInAListOfNamesIsNamedInEveryTableThatHasOne() throws IOException {
    assertEquals(
        "config.toml:2 [sync.protected_emails]: entries cannot be empty",
        failure("[sync]\nprotected_emails = [\"boss@district.org\", \"  \"]\n").getMessage());
    assertEquals(
        "config.toml:2 [sync.protected_external_ids]: entries cannot be empty",
        failure("[sync]\nprotected_external_ids = [\"\"]\n").getMessage());
    assertEquals(
        "config.toml:2 [guardrails.privileged_roles]: entries cannot be empty",
        failure("[guardrails]\nprivileged_roles = [\"principal\", \"\"]\n").getMessage());
  }

  @Test
  void anEmptyNameInAMapOfNamesIsNamedWithItsKey() throws IOException {
    assertEquals(
        "config.toml:2 [sites.aliases.\"North High\"]: names cannot be empty",
        failure("[sites.aliases]\n\"North High\" = \" \"\n").getMessage());
    assertEquals(
        "config.toml:2 [roles.map.Teacher]: names cannot be empty",
        failure("[roles.map]\nTeacher = \"\"\n").getMessage());
  }

  @Test
  void aCopyAddressWithoutAnAtSignIsQuoted() throws IOException {
    assertEquals(
        "config.toml:2 [email.cc]: must hold email addresses, got \"it-desk\"",
        failure("[email]\ncc = [\"boss@district.org\", \"it-desk\"]\n").getMessage());
  }

  @Test
  void anSftpHostNeedsALoginAndAKnownHostKeyAllNamedAtTheHostsLine() throws IOException {
    ConfigException e = failure("[sftp]\nport = 2222\nhost = \"sftp.district.org\"\n");

    assertEquals(
        "config.toml:3 [sftp.username]: required when sftp.host is set\n"
            + "config.toml:3 [sftp.password]: sftp.password (or TITAN_SYNC_SFTP_PASSWORD) or"
            + " sftp.private_key is required when sftp.host is set\n"
            + "config.toml:3 [sftp.known_hosts]: required when sftp.host is set: the server's"
            + " host key must be known (ssh-keyscan -p PORT HOST > known_hosts, then check it)",
        e.getMessage());
  }

  @Test
  void theSftpPasswordFromTheEnvironmentCountsAndIsNeverShown() throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(
        file,
        "[sftp]\nhost = \"sftp.district.org\"\nusername = \"titan\"\nknown_hosts = \"kh\"\n",
        StandardCharsets.UTF_8);

    SyncConfig config =
        ConfigLoader.load(file, Map.of("TITAN_SYNC_SFTP_PASSWORD", " s3cret-from-env "));

    assertEquals("s3cret-from-env", config.daemon().sftp().password().reveal());
    assertFalse(config.toString().contains("s3cret-from-env"), config.toString());
    assertEquals(dir.resolve("kh"), config.daemon().sftp().knownHosts());
  }

  @Test
  void aSyntaxErrorOnASecretsLineDoesNotQuoteTheSecret() throws IOException {
    ConfigException e =
        failure("[email]\nhost = \"smtp.district.org\"\npassword = hunter2-very-secret\n");

    assertEquals(3, e.line());
    assertTrue(
        e.getMessage().contains("syntax error in a secret's value (not shown): write it in quotes"),
        e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void guardrailDefaultsAreTheGuardsOwn() {
    GuardrailsSettings g = ConfigLoader.defaults(dir, Map.of()).guardrails();

    assertEquals(Limits.DEFAULT_MAX_PRIVILEGED_CHANGES, g.maxPrivilegedChanges());
    assertEquals(Limits.DEFAULT_MAX_ROLE_CHANGE_PERCENT, g.maxRoleChangePercent());
    assertEquals(Limits.DEFAULT_MAX_CREATIONS, g.maxCreations());
    assertEquals(Limits.DEFAULT_MAX_CREATION_PERCENT, g.maxCreationPercent());
    assertEquals(Limits.DEFAULT_MAX_DOMAIN_MOVE_PERCENT, g.maxDomainMovePercent());
    assertEquals(Limits.DEFAULT_WINDOW_HOURS, g.windowHours());
  }
}
