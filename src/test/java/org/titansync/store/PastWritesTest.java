package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.titansync.plan.PastWrite;
import org.titansync.plan.PastWrite.Answer;
import org.titansync.plan.PastWrite.FieldChange;
import org.titansync.plan.PastWrite.ProfileField;

/** Audit lines, as audit.jsonl holds them, read as the typed writes the revert planner takes. */
class PastWritesTest {

  private static final List<String> AUDIT =
      List.of(
          "{\"type\":\"outcome\",\"time\":\"t\",\"run_id\":\"r1\",\"file\":\"staff.csv\","
              + "\"change\":\"create\",\"key\":\"create:E5\",\"external_id\":\"E5\","
              + "\"email\":\"e5@x.org\",\"user_id\":\"u5\",\"site\":\"Lincoln\",\"before\":null,"
              + "\"after\":{\"external_id\":\"E5\",\"first_name\":\"Eve\",\"memberships\":["
              + "{\"site_id\":\"s1\",\"site\":\"Lincoln\",\"role_ids\":[\"r2\",\"r1\"],"
              + "\"roles\":[\"Staff\",\"Teacher\"]}]},"
              + "\"http_status\":201,\"attempts\":1,\"result\":\"done\"}",
          "{\"type\":\"intent\",\"time\":\"t\",\"run_id\":\"r0\",\"file\":\"staff.csv\","
              + "\"change\":\"update\",\"key\":\"update:E1\",\"external_id\":\"E1\","
              + "\"user_id\":\"u1\",\"before\":{\"first_name\":\"A\"},"
              + "\"after\":{\"first_name\":\"B\"},\"idempotency_key\":\"k\",\"attempt\":1}",
          "{\"type\":\"intent\",\"time\":\"t\",\"run_id\":\"r1\",\"file\":\"staff.csv\","
              + "\"change\":\"set_roles\",\"key\":\"set_roles:E1:s_2\",\"external_id\":\"E1\","
              + "\"user_id\":\"u1\",\"site\":\"Adams\","
              + "\"before\":{\"site\":\"Adams\",\"role_ids\":[],\"roles\":[]},"
              + "\"after\":{\"site\":\"Adams\",\"role_ids\":[\"r3\"],\"roles\":[\"Admin\"]},"
              + "\"idempotency_key\":\"k2\",\"attempt\":1}",
          "{\"type\":\"outcome\",\"time\":\"t\",\"run_id\":\"r1\",\"file\":\"staff.csv\","
              + "\"change\":\"remove_membership\",\"key\":\"remove_membership:E1:s_3\","
              + "\"external_id\":\"E1\",\"user_id\":\"u1\",\"site\":\"Lee\","
              + "\"before\":{\"site\":\"Lee\",\"role_ids\":[\"r1\"],\"roles\":[\"Teacher\"]},"
              + "\"after\":null,\"http_status\":500,\"attempts\":3,\"result\":\"failed\","
              + "\"error\":\"server error\"}",
          "{\"type\":\"outcome\",\"time\":\"t\",\"run_id\":\"r1\",\"file\":\"staff.csv\","
              + "\"change\":\"link\",\"key\":\"link:E1\",\"external_id\":\"E1\","
              + "\"user_id\":\"u1\",\"before\":{\"external_id\":null,\"first_name\":\"Ann\","
              + "\"status\":\"inactive\"},\"after\":{\"external_id\":\"E1\","
              + "\"first_name\":\"Anne\",\"status\":\"active\"},"
              + "\"http_status\":200,\"attempts\":1,\"result\":\"done\"}");

  @Test
  void aRunsAuditLinesReadAsTypedWritesAndOtherRunsAreSkipped() throws Exception {
    List<AuditEntry> audit = new ArrayList<>();
    for (String line : AUDIT) {
      audit.add((AuditEntry) AuditLine.read(line));
    }

    List<PastWrite> writes = PastWrites.of("r1", audit);

    assertEquals(
        List.of(
            new PastWrite(
                "create:E5",
                Answer.DONE,
                "E5",
                "u5",
                new PastWrite.Created(Map.of("s1", Set.of("r1", "r2")))),
            new PastWrite(
                "set_roles:E1:s_2",
                Answer.SENT,
                "E1",
                "u1",
                new PastWrite.RolesSet("s_2", Set.of(), Set.of("r3"))),
            new PastWrite(
                "remove_membership:E1:s_3",
                Answer.NOT_DONE,
                "E1",
                "u1",
                new PastWrite.MembershipRemoved("s_3", Set.of("r1"))),
            new PastWrite(
                "link:E1",
                Answer.DONE,
                "E1",
                "u1",
                new PastWrite.ProfileSet(
                    List.of(
                        new FieldChange(ProfileField.EXTERNAL_ID, null, "E1"),
                        new FieldChange(ProfileField.FIRST_NAME, "Ann", "Anne"),
                        new FieldChange(ProfileField.STATUS, "inactive", "active"))))),
        writes);
  }
}
