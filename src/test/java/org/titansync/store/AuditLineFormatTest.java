package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.UpdateUser;

/**
 * The audit lines this version writes from typed records are the lines earlier versions wrote from
 * maps (audit-before-run-lines/audit.jsonl), field for field and in the same order, with the site's
 * id added to a membership change ({@code site_id}, after {@code site}).
 */
class AuditLineFormatTest {
  @TempDir Path logs;

  private static final String RUN = "20261129-090000-bbbb";

  private List<String> earlier() throws IOException {
    try (var in = getClass().getResourceAsStream("/audit-before-run-lines/audit.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private List<String> written(AuditLog log) throws IOException {
    log.close();
    return Files.readAllLines(log.file());
  }

  @Test
  void aCreatesIntentIsTheLineEarlierVersionsWrote() throws IOException {
    CreateUser create =
        new CreateUser(
            "E1001",
            "Maria",
            "Gonzalez",
            "maria.gonzalez@mvusd.org",
            List.of(
                new Membership(
                    "s_01", "Lincoln Elementary", List.of("r_03"), List.of("Principal"))),
            List.of());
    AuditLog log = new AuditLog(logs.resolve("audit.jsonl"), 0);
    log.intent(
        new AuditEntry.Intent(
            "DAY1T08:00:00.100Z",
            "20261129-080000-aaaa",
            AuditEntry.Subject.of("staff.csv", create, null),
            "20261129-080000-aaaa:create:E1001",
            1));

    assertEquals(List.of(earlier().get(0)), written(log));
  }

  @Test
  void membershipLinesAddTheSiteIdAndAreOtherwiseUnchanged() throws IOException {
    SetRoles roles =
        new SetRoles(
            "u_0000002",
            "E1002",
            "james.wilson@mvusd.org",
            "s_02",
            "Washington Middle School",
            List.of("r_01"),
            List.of("Teacher"),
            new Membership(
                "s_02", "Washington Middle School", List.of("r_02"), List.of("District Admin")));
    RemoveMembership removal =
        new RemoveMembership(
            "u_0000003",
            "E1003",
            "linda.park@mvusd.org",
            "s_01",
            "Lincoln Elementary",
            new Membership("s_01", "Lincoln Elementary", List.of("r_01"), List.of("Teacher")),
            false);
    AuditLog log = new AuditLog(logs.resolve("audit.jsonl"), 0);
    log.intent(
        new AuditEntry.Intent(
            "DAY1T09:00:00.100Z",
            RUN,
            AuditEntry.Subject.of("staff.csv", roles, "u_0000002"),
            RUN + ":set_roles:E1002:s_02",
            1));
    log.outcome(
        new AuditEntry.Outcome(
            "DAY1T09:00:01.200Z",
            RUN,
            AuditEntry.Subject.of("staff.csv", removal, "u_0000003"),
            404,
            1,
            "failed",
            "no such membership"));

    List<String> earlier = earlier();
    assertEquals(
        List.of(
            earlier
                .get(2)
                .replace(
                    "\"site\":\"Washington Middle School\",\"before\"",
                    "\"site\":\"Washington Middle School\",\"site_id\":\"s_02\",\"before\""),
            earlier
                .get(5)
                .replace(
                    "\"site\":\"Lincoln Elementary\",\"before\"",
                    "\"site\":\"Lincoln Elementary\",\"site_id\":\"s_01\",\"before\"")),
        written(log));
    // Read back, the site comes from its field, not from the key.
    AuditLog.Read read = log.read();
    assertEquals("s_02", read.entries().get(0).subject().siteId());
    assertEquals("s_01", read.entries().get(1).subject().siteId());
  }

  @Test
  void anUpdateThatClearsAFieldKeepsItsExactLineWithEveryCharacterEscaped() throws IOException {
    UpdateUser update =
        new UpdateUser(
            ChangeKind.UPDATE,
            "u_0000004",
            "E1004",
            "zoe@mvusd.org",
            new Profile("E1004", "Zo\u00eb \"Zee\"", "M\u00fcller\\Smith", "zoe@mvusd.org", true),
            new Profile("E1004", "Zo\u00eb\u0007", "M\u00fcller</script>", null, false));
    AuditLog log = new AuditLog(logs.resolve("audit.jsonl"), 0);
    log.intent(
        new AuditEntry.Intent(
            "DAY1T10:00:00.100Z",
            RUN,
            AuditEntry.Subject.of("st\u00e4ff.csv", update, "u_0000004"),
            null,
            2));
    log.outcome(
        new AuditEntry.Outcome(
            "DAY1T10:00:01.200Z",
            RUN,
            AuditEntry.Subject.of("st\u00e4ff.csv", update, "u_0000004"),
            0,
            3,
            "failed",
            "no answer from Titan (\"timeout\")\n"));

    // As the records were written by Jackson's data binding before the lines had writers of their
    // own: the same bytes.
    assertEquals(
        List.of(
            "{\"type\":\"intent\",\"time\":\"DAY1T10:00:00.100Z\",\"run_id\":\"20261129-090000-bbbb\",\"idempotency_key\":null,\"attempt\":2,\"file\":\"st\u00e4ff.csv\",\"change\":\"update\",\"key\":\"update:E1004\",\"external_id\":\"E1004\",\"email\":\"zoe@mvusd.org\",\"user_id\":\"u_0000004\",\"site\":\"\",\"before\":{\"first_name\":\"Zo\u00eb \\\"Zee\\\"\",\"last_name\":\"M\u00fcller\\\\Smith\",\"email\":\"zoe@mvusd.org\",\"status\":\"active\"},\"after\":{\"first_name\":\"Zo\u00eb\\u0007\",\"last_name\":\"M\u00fcller</script>\",\"email\":null,\"status\":\"inactive\"}}",
            "{\"type\":\"outcome\",\"time\":\"DAY1T10:00:01.200Z\",\"run_id\":\"20261129-090000-bbbb\",\"file\":\"st\u00e4ff.csv\",\"change\":\"update\",\"key\":\"update:E1004\",\"external_id\":\"E1004\",\"email\":\"zoe@mvusd.org\",\"user_id\":\"u_0000004\",\"site\":\"\",\"before\":{\"first_name\":\"Zo\u00eb \\\"Zee\\\"\",\"last_name\":\"M\u00fcller\\\\Smith\",\"email\":\"zoe@mvusd.org\",\"status\":\"active\"},\"after\":{\"first_name\":\"Zo\u00eb\\u0007\",\"last_name\":\"M\u00fcller</script>\",\"email\":null,\"status\":\"inactive\"},\"http_status\":0,\"attempts\":3,\"result\":\"failed\",\"error\":\"no answer from Titan (\\\"timeout\\\")\\n\"}"),
        written(log));
  }
}
