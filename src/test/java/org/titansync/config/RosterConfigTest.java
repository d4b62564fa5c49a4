package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.roster.PackageOptions;

/** [roster]: its defaults, and its mistakes reported with file, line and key. */
class RosterConfigTest {
  @TempDir Path dir;

  private SyncConfig load(String toml) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return ConfigLoader.load(file, Map.of());
  }

  private String failure(String toml) throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()))
        .getMessage();
  }

  @Test
  void theDefaultsReadAnyKindAndMapAsTheIssueSays() throws Exception {
    LocalDate today = LocalDate.of(2026, 11, 30);
    assertEquals(PackageOptions.defaults(today), load("").roster().packageOptions(today));
  }

  @Test
  void aRoleBothStaffAndIgnoredIsAnError() throws Exception {
    String message =
        failure("[roster]\nstaff_roles = [\"teacher\", \"Aide\"]\nignore_roles = [\"aide\"]\n");
    assertTrue(
        message.contains(
            "config.toml:3 [roster.ignore_roles]: also listed under staff_roles: aide; a role is"
                + " either staff or ignored"),
        message);
  }

  @Test
  void aWrongWordSuggestsTheRightOne() throws Exception {
    String message = failure("[roster]\nformat = \"onerostr\"\n");
    assertTrue(
        message.contains(
            "[roster.format]: must be one of \"auto\", \"csv\", \"oneroster\", \"sds\"; got"
                + " \"onerostr\" (did you mean \"oneroster\"?)"),
        message);
  }

  @Test
  void aDomainMustLookLikeOne() throws Exception {
    String message = failure("[roster]\nusername_domain = \"mvusd\"\n");
    assertTrue(message.contains("[roster.username_domain]: must be a domain"), message);
    assertEquals(
        "mvusd.org",
        load("[roster]\nusername_domain = \"@MVUSD.org\"\n").roster().usernameDomain());
  }

  @Test
  void emailFromCannotBeEmptyAndRoleDatesTakesBothSpellings() throws Exception {
    String message = failure("[roster]\nemail_from = []\n");
    assertTrue(message.contains("[roster.email_from]: must name at least one column"), message);
    assertEquals(
        RosterSettings.RoleDates.HONOUR,
        load("[roster]\nrole_dates = \"honor\"\n").roster().roleDates());
    assertEquals(
        Set.of("teacher"), load("[roster]\nstaff_roles = [\" Teacher \"]\n").roster().staffRoles());
    assertEquals(
        List.of("username", "email"),
        load("[roster]\nemail_from = [\"username\", \"email\"]\n").roster().emailFrom());
  }
}
