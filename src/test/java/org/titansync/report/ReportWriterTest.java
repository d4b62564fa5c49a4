package org.titansync.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.roster.RowError;
import org.titansync.run.RunId;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/** Everything from the CSV is escaped in report.html; report.txt shows it as written. */
class ReportWriterTest {
  @TempDir Path logs;

  @Test
  void valuesFromTheFileAreEscapedInHtmlAndPlainInText() throws Exception {
    String evil = "<script>alert(1)</script>";
    CreateUser create =
        new CreateUser(
            "E1",
            evil,
            "O\"Neil & Co",
            "e1@example.org",
            List.of(new Membership("s_1", "<b>Lincoln</b>", List.of("r_1"), List.of("Teacher"))),
            List.of(2));
    Plan plan =
        new Plan(
            List.of(create),
            List.of(new RowError(3, "email", "E2", "invalid email \"<img src=x>\"")),
            List.of(),
            new PlanStats(2, 1, 0, 0, Map.of(), Map.of()));
    String runId = RunId.next();
    RunSummary summary =
        new RunSummary(
            runId,
            "staff.csv",
            "t0",
            "t1",
            RunStatus.DRY_RUN,
            true,
            plan,
            Map.of(),
            List.of(),
            "dry run",
            List.of());
    StateFolder store = new StateFolder(logs);
    Path dir = store.create(runId);
    ReportWriter writer = new ReportWriter();
    writer.writePlan(store, dir, summary);
    writer.writeResult(store, dir, summary);

    String html = Files.readString(dir.resolve("report.html"));
    // One script: the report's own, allowed by its hash; the file's text is never a tag.
    assertTrue(html.indexOf("<script") == html.lastIndexOf("<script"), html);
    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<b>Lincoln"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("O&quot;Neil &amp; Co"), html);

    String text = Files.readString(dir.resolve("report.txt"));
    assertTrue(text.contains(evil), text);
    assertTrue(text.contains("line 3, E2 [email]"), text);
    assertTrue(Files.readString(dir.resolve("plan.json")).contains("\"kind\" : \"create\""));
  }
}
