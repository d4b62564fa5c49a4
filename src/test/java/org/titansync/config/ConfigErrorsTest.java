package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of mistake is reported with file, line and key, and never shows a secret. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private ConfigException failure(String toml) throws IOException {
    return failure(toml, Map.of());
  }

  private ConfigException failure(String toml, Map<String, String> env) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, toml, StandardCharsets.UTF_8);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
  }

  @Test
  void aMissingFileSaysWhatToDo() {
    Path missing = dir.resolve("nowhere/config.toml");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));

    assertEquals(
        "config file not found: "
            + missing.toAbsolutePath()
            + " (copy config.example.toml, or use --sandbox)",
        e.getMessage());
  }

  @Test
  void aSyntaxErrorGivesLineAndColumn() throws IOException {
    ConfigException e = failure("[titan]\npage_size = 100\ntimeout_seconds = 3 0\n");

    assertEquals(3, e.line());
    assertNull(e.field());
    assertTrue(e.getMessage().startsWith("config.toml:3:21: syntax error: "), e.getMessage());
  }

  @Test
  void outOfRangeNamesFileLineKeyAndValue() throws IOException {
    ConfigException e = failure("[titan]\nbase_url = \"https://t.example\"\npage_size = 900\n");

    assertEquals(
        "config.toml:3 [titan.page_size]: must be between 1 and 500, got 900", e.getMessage());
    assertEquals("titan.page_size", e.field());
    assertEquals(3, e.line());
    assertEquals(dir.resolve("config.toml").toAbsolutePath(), e.file());
    assertEquals("must be between 1 and 500, got 900", e.reason());
  }

  @Test
  void outOfRangeNumbersWithFractions() throws IOException {
    assertEquals(
        "config.toml:2 [titan.initial_requests_per_second]: must be greater than 0, got 0",
        failure("[titan]\ninitial_requests_per_second = 0.0\n").getMessage());
    assertEquals(
        "config.toml:2 [guardrails.max_removal_percent]: must be between 0 and 100, got 150.5",
        failure("[guardrails]\nmax_removal_percent = 150.5\n").getMessage());
  }

  @Test
  void aWrongTypeSaysWhatWasExpectedAndWhatCame() throws IOException {
    assertEquals(
        "config.toml:2 [titan.page_size]: must be a whole number, got a string (\"900\")",
        failure("[titan]\npage_size = \"900\"\n").getMessage());
    assertEquals(
        "config.toml:2 [sync.dry_run]: must be true or false, got a string (\"yes\")",
        failure("[sync]\ndry_run = \"yes\"\n").getMessage());
    assertEquals(
        "config.toml:2 [retry.max_attempts]: must be a whole number, got a float (2.5)",
        failure("[retry]\nmax_attempts = 2.5\n").getMessage());
    assertEquals(
        "config.toml:1 [titan]: must be a table, got an integer (5)",
        failure("titan = 5\n").getMessage());
  }

  @Test
  void aWrongItemInAnArraySaysWhichItem() throws IOException {
    ConfigException e = failure("[email]\nto = [\n  \"it@d.org\",\n  42,\n]\n");

    assertEquals(
        "config.toml:2 [email.to]: must be an array of strings, but item 2 is an integer (42)",
        e.getMessage());
  }

  @Test
  void aBadWordListsTheAllowedOnes() throws IOException {
    assertEquals(
        "config.toml:2 [sync.on_missing]: must be one of \"remove_memberships\", \"deactivate\";"
            + " got \"delete\"",
        failure("[sync]\non_missing = \"delete\"\n").getMessage());
    assertEquals(
        "config.toml:2 [guardrails.hold_scope]: must be one of \"all\", \"removals\";"
            + " got \"removal\" (did you mean \"removals\"?)",
        failure("[guardrails]\nhold_scope = \"removal\"\n").getMessage());
    assertTrue(
        failure("[email]\nsend_on = [\"changes\", \"sometimes\"]\n")
            .getMessage()
            .contains(
                "[email.send_on]: must be one of \"changes\", \"held\", \"failed\", \"errors\","
                    + " \"always\"; got \"sometimes\""));
    assertTrue(
        failure("[logging]\nformat = \"xml\"\n")
            .getMessage()
            .startsWith("config.toml:2 [logging.format]: must be one of \"text\", \"json\""));
  }

  @Test
  void anUnknownCharsetIsNamed() throws IOException {
    ConfigException e = failure("[csv]\nencoding = \"latin-42\"\n");

    assertTrue(
        e.getMessage().startsWith("config.toml:2 [csv.encoding]: unknown charset \"latin-42\""),
        e.getMessage());
  }

  @Test
  void unknownKeysSuggestTheNearestKnownKey() throws IOException {
    assertEquals(
        "config.toml:2 [titan.page_sise]: unknown key; did you mean titan.page_size?",
        failure("[titan]\npage_sise = 100\n").getMessage());
    assertEquals(
        "config.toml:2 [titan.api_kye]: unknown key; did you mean titan.api_key?",
        failure("[titan]\napi_kye = \"k\"\n").getMessage());
    assertEquals(
        "config.toml:1 [titian]: unknown table; did you mean [titan]?",
        failure("[titian]\npage_size = 100\n").getMessage());
    assertEquals(
        "config.toml:2 [titan.dry_run]: unknown key; did you mean sync.dry_run?",
        failure("[titan]\ndry_run = true\n").getMessage(),
        "a key written under the wrong table");
    assertEquals(
        "config.toml:1 [page_size]: unknown key; did you mean titan.page_size (under [titan])?",
        failure("page_size = 100\n").getMessage(),
        "a key written before any table");
  }

  @Test
  void unknownKeysWithoutACloseMatchListTheKnownOnes() throws IOException {
    assertEquals(
        "config.toml:2 [logging.colour_output]: unknown key; [logging] knows format, level",
        failure("[logging]\ncolour_output = true\n").getMessage());
    assertTrue(
        failure("[notifications]\nx = 1\n")
            .getMessage()
            .startsWith("config.toml:1 [notifications]: unknown table; known tables are titan,"));
  }

  @Test
  void unknownCsvColumnsSuggestTheCanonicalName() throws IOException {
    assertEquals(
        "config.toml:2 [csv.columns.emial]: unknown column; did you mean email?",
        failure("[csv.columns]\nemial = \"E-mail\"\n").getMessage());
  }

  @Test
  void aHeaderCannotMeanTwoColumns() throws IOException {
    ConfigException e = failure("[csv.columns]\nemail = \"Mail\"\nsite_name = \"mail\"\n");

    assertEquals(
        "config.toml:3 [csv.columns.site_name]: header \"mail\" already means column email",
        e.getMessage());
  }

  @Test
  void aDelimiterIsOneCharacter() throws IOException {
    assertEquals(
        "config.toml:2 [csv.delimiter]: must be a single character (\"\\t\" for tab), got \";;\"",
        failure("[csv]\ndelimiter = \";;\"\n").getMessage());
  }

  @Test
  void namesThatDifferOnlyInCaseCannotMapToDifferentTitanNames() throws IOException {
    ConfigException e =
        failure("[sites.aliases]\n\"Lincoln HS\" = \"Lincoln High\"\n\"LINCOLN HS\" = \"Other\"\n");

    assertEquals(3, e.line());
    assertEquals("sites.aliases.\"LINCOLN HS\"", e.field());
    assertTrue(e.reason().contains("\"Lincoln HS\" is already mapped"), e.reason());
  }

  @Test
  void enabledEmailNeedsHostFromAndTo() throws IOException {
    ConfigException e = failure("[email]\n\nenabled = true\n");

    assertEquals(
        """
        config.toml:3 [email.host]: required when email.enabled = true
        config.toml:3 [email.from]: required when email.enabled = true
        config.toml:3 [email.to]: needs at least one address when email.enabled = true""",
        e.getMessage());
  }

  @Test
  void crossChecksNameTheKeyThatBreaksTheRule() throws IOException {
    assertEquals(
        "config.toml:3 [retry.max_delay_ms]: retry.max_delay_ms (100) must be at least"
            + " retry.initial_delay_ms (500)",
        failure("[retry]\n\nmax_delay_ms = 100\n").getMessage());
    assertTrue(
        failure("[email]\nssl = true\nstarttls = true\n")
            .getMessage()
            .startsWith("config.toml:3 [email.starttls]: cannot be true together with email.ssl"));
    assertTrue(
        failure("[paths]\ninbox = \"drop\"\narchive = \"./drop\"\n")
            .getMessage()
            .startsWith("config.toml:3 [paths.archive]: is the same folder as paths.inbox"));
  }

  @Test
  void everyProblemIsReportedInFileOrder() throws IOException {
    ConfigException e =
        failure(
            """
            [titan]
            page_size = 0
            max_concurrency = 100
            [logging]
            level = "LOUD"
            [sync]
            protected_emailz = []
            """);

    List<ConfigException.Problem> problems = e.problems();
    assertEquals(4, problems.size(), e.getMessage());
    assertEquals(
        List.of(2, 3, 5, 7), problems.stream().map(ConfigException.Problem::line).toList());
    assertEquals("titan.page_size", e.field(), "the accessors describe the first problem");
    assertEquals(4, e.getMessage().lines().count());
  }

  @Test
  void aBadBaseUrlFromTheFileOrTheEnvironmentIsRefused() throws IOException {
    assertEquals(
        "config.toml:2 [titan.base_url]: must be an http:// or https:// URL such as"
            + " https://titan.example.org/api/v1, got \"titan.example.org\"",
        failure("[titan]\nbase_url = \"titan.example.org\"\n").getMessage());

    ConfigException e = failure("", Map.of("TITAN_BASE_URL", "ftp://titan.example.org"));
    assertEquals(
        "[titan.base_url]: TITAN_BASE_URL must be an http:// or https:// URL such as"
            + " https://titan.example.org/api/v1, got \"ftp://titan.example.org\"",
        e.getMessage());
    assertNull(e.file(), "it came from the environment");

    IllegalArgumentException withoutFile =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConfigLoader.defaults(dir, Map.of("TITAN_BASE_URL", "nonsense")));
    assertTrue(withoutFile.getMessage().contains("TITAN_BASE_URL must be"));
  }

  @Test
  void aBaseUrlWithAUserNameOrPasswordIsRefusedWithoutShowingIt() throws IOException {
    assertEquals(
        "config.toml:2 [titan.base_url]: cannot hold a user name or password (the value is not"
            + " shown)",
        failure("[titan]\nbase_url = \"https://ops:pa55word@titan.example.org/api/v1\"\n")
            .getMessage());
    ConfigException e =
        failure("", Map.of("TITAN_BASE_URL", "https://ops:pa55word@titan.example.org/api/v1"));
    assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot hold a user name or password"), e.getMessage());
  }

  @Test
  void aSecretNeverAppearsInAMessage() throws IOException {
    String secret = "s3cr3t-value";
    ConfigException elsewhere =
        failure(
            "[titan]\napi_key = \""
                + secret
                + "\"\npage_size = 900\n"
                + "[email]\npassword = \""
                + secret
                + "\"\nport = \""
                + "x\"\n");
    assertEquals(2, elsewhere.problems().size());
    assertFalse(elsewhere.getMessage().contains(secret), elsewhere.getMessage());

    ConfigException wrongType = failure("[email]\npassword = 123456789\n");
    assertEquals(
        "config.toml:2 [email.password]: must be a string, got an integer", wrongType.getMessage());

    ConfigException unquoted = failure("[titan]\napi_key = " + secret + "\n");
    assertEquals(2, unquoted.line());
    assertFalse(unquoted.getMessage().contains("s3cr3t"), unquoted.getMessage());
    assertTrue(unquoted.getMessage().contains("secret"), unquoted.getMessage());

    ConfigException fromEnv =
        failure(
            "[titan]\npage_size = 0\n",
            Map.of("TITAN_API_KEY", secret, "TITAN_SYNC_SMTP_PASSWORD", secret));
    assertFalse(fromEnv.getMessage().contains(secret), fromEnv.getMessage());
  }

  @Test
  void aKeyThatNoHeaderCanCarryIsRefusedWithoutShowingIt() throws IOException {
    ConfigException inFile = failure("[titan]\napi_key = \"s3cr3t\\nvalue\"\n");
    assertEquals(2, inFile.line());
    assertTrue(inFile.getMessage().contains("[titan.api_key]"), inFile.getMessage());
    assertTrue(inFile.getMessage().contains("line break"), inFile.getMessage());
    assertFalse(inFile.getMessage().contains("s3cr3t"), inFile.getMessage());

    ConfigException inEnv = failure("[titan]\n", Map.of("TITAN_API_KEY", "s3cr3t\r\nX-Other: 1"));
    assertTrue(inEnv.getMessage().contains("TITAN_API_KEY holds a line break"), inEnv.getMessage());
    assertFalse(inEnv.getMessage().contains("s3cr3t"), inEnv.getMessage());
  }

  @Test
  void aProxyMustBeAnHttpUrlWithHostAndPortAndNoCredentials() throws IOException {
    for (String wrong :
        List.of("proxy.district.org:3128", "https://proxy:3128", "http://proxy", "http://p:1/x")) {
      ConfigException e = failure("[titan]\nproxy = \"" + wrong + "\"\n");
      assertEquals(2, e.line(), wrong);
      assertTrue(
          e.getMessage().contains("[titan.proxy]: must be an http:// URL with a host and a port"),
          e.getMessage());
    }
    ConfigException withPassword = failure("[titan]\nproxy = \"http://me:s3cr3t@proxy:3128\"\n");
    assertTrue(
        withPassword.getMessage().contains("user name or password"), withPassword.getMessage());
    assertFalse(withPassword.getMessage().contains("s3cr3t"), withPassword.getMessage());

    ConfigException fromEnv = failure("[titan]\n", Map.of("TITAN_PROXY", "socks://proxy:1080"));
    assertTrue(
        fromEnv.getMessage().contains("TITAN_PROXY must be an http:// URL"), fromEnv.getMessage());
  }

  @Test
  void aSecretNeverAppearsWhenTheConfigIsPrinted() throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(
        file, "[titan]\napi_key = \"s3cr3t-value\"\n[email]\npassword = \"s3cr3t-password\"\n");

    SyncConfig config = ConfigLoader.load(file, Map.of());

    assertFalse(config.toString().contains("s3cr3t"), config.toString());
    assertTrue(config.titan().toString().contains("apiKey=***"), config.titan().toString());
    assertEquals("s3cr3t-value", config.titan().apiKey().reveal());
  }
}
