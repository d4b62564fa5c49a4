package org.titansync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.roster.RosterOptions;

/** {@code explain}'s rules: one person's changes from the audit log, the file's rows, and why. */
class PersonHistoryTest {
  @TempDir Path logs;

  private static void outcome(StateFolder store, String runId, String change, String result)
      throws Exception {
    store
        .audit()
        .outcome(
            new AuditEntry.Outcome(
                "2026-11-29T10:00:01Z",
                runId,
                new AuditEntry.Subject(
                    "staff.csv",
                    change,
                    change + ":E1002",
                    "E1002",
                    "james.carter@mvusd.org",
                    "u_2",
                    "Lincoln Elementary",
                    "s_01",
                    null,
                    new ChangeValues(
                        null, null, null, null, null, null, null, List.of("Teacher"), null, null)),
                result.equals("done") ? 201 : 422,
                1,
                result,
                result.equals("done") ? null : "refused"));
  }

  @Test
  void aPersonsChangesComeWithTheRowsThatNamedThemAndWhy() throws Exception {
    StateFolder store = new StateFolder(logs);
    String first = "20261129-100000-aaaa";
    String gone = "20261129-110000-bbbb";
    Path kept = store.create(first);
    Files.writeString(
        kept.resolve("input.csv"),
        """
        external_id,first_name,last_name,email,site_name,role_names
        E1001,Maria,Gonzalez,maria.gonzalez@mvusd.org,Lincoln Elementary,Principal
        E1002,James,Carter,james.carter@mvusd.org,Lincoln Elementary,Teacher
        """,
        StandardCharsets.UTF_8);
    Files.createDirectories(store.create(gone)); // its input.csv no longer kept
    outcome(store, first, "create", "done");
    outcome(store, gone, "remove_membership", "failed");
    outcome(store, gone, "remove_membership", "done");
    try {
      PersonHistory history = PersonHistory.of(store, RosterOptions.defaults(), "E1002");

      assertEquals(3, history.changes().size());
      assertEquals(2, history.runs());
      PersonHistory.Step create = history.changes().get(0);
      assertEquals("line 3 of " + kept.resolve("input.csv"), create.rows());
      assertEquals(
          "in the file, and Titan had no user with this external_id or email", create.why());
      PersonHistory.Step removal = history.changes().get(2);
      assertTrue(removal.rows().contains("no longer kept"), removal.rows());
      assertEquals("the person is no longer in the file", removal.why());
      assertEquals(
          List.of(),
          PersonHistory.of(store, RosterOptions.defaults(), "E1001").changes(),
          "nobody else's changes");
    } finally {
      store.audit().close();
    }
  }
}
