package org.titansync.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.titansync.config.ConfigSource;
import org.titansync.config.Secret;
import org.titansync.config.SyncConfig;
import org.titansync.plan.Change;
import org.titansync.plan.Conflict;
import org.titansync.plan.Plan;
import org.titansync.report.ReportWriter;
import org.titansync.roster.RowError;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.store.StateFolder;

/** What a run's mail says: subject, both bodies, the MIME structure. */
class MailComposerTest {
  @TempDir Path dir;

  private SyncConfig.Email email(boolean attach) {
    return new SyncConfig.Email(
        true,
        "smtp.district.org",
        587,
        true,
        false,
        "titan-sync",
        Secret.of("not-used-here"),
        "Titan Sync <titan-sync@district.org>",
        List.of("it@district.org"),
        List.of("safety@district.org"),
        "[titan-sync]",
        Set.of("changes", "held", "failed", "errors"),
        attach,
        "district.org");
  }

  private MailComposer composer(boolean attach) {
    return new MailComposer(
        email(attach),
        "https://titan.example.org/api/v1",
        ConfigSource.of(Path.of("/etc/titan-sync/config.toml")),
        new StateFolder(dir.resolve("logs")));
  }

  @Test
  void subjectsSayTheOutcomeInWholeSentences() {
    MailComposer c = composer(false);
    assertEquals("[titan-sync] Applied 2 changes.", c.subject(Runs.applied()));
    assertEquals(
        "[titan-sync] Held for approval: 412 people would leave Lincoln Elementary.",
        c.subject(Runs.held()));
    assertEquals(
        "[titan-sync] Partly failed: 1 of 2 changes applied.", c.subject(Runs.partlyFailed()));
    assertEquals(
        "[titan-sync] Failed: Titan could not be reached, nothing was written.",
        c.subject(Runs.unreachable()));
    assertEquals(
        "[titan-sync] No changes: Titan already matches the file. 2 rows were skipped.",
        c.subject(Runs.nothingToDo(List.of(Runs.rowError(4), Runs.rowError(9)))));
    assertEquals(
        "[titan-sync] No changes: Titan already matches the file. 1 row was skipped.",
        c.subject(Runs.nothingToDo(List.of(Runs.rowError(4)))));
    assertEquals("[titan-sync] Dry run: 1 change would be made.", c.subject(Runs.dryRun()));
    RunSummary refused =
        Runs.summary(RunStatus.REFUSED, false, null, Map.of(), List.of(), "no header line");
    assertEquals(
        "[titan-sync] Failed: staff export.csv was refused, nothing was written.",
        c.subject(refused));
  }

  @Test
  void aHeldSubjectNamesTheSchoolsOrWhatTheGuardrailFoundNeverCutMidSentence() {
    List<Change> spread = new ArrayList<>();
    spread.add(Runs.removal(1, "Lincoln Elementary"));
    spread.add(Runs.removal(2, "Roosevelt Middle"));
    Plan plan = Runs.plan(spread);
    RunSummary twoSites =
        Runs.summary(RunStatus.HELD, false, plan, Map.of(), List.of("too many"), "held");
    assertEquals("Held for approval: 2 departures from 2 schools.", MailSubject.of(twoSites));

    Plan creates = Runs.plan(List.of(Runs.create("E1", "A", "B", "Lincoln Elementary")));
    String longReason =
        "the header changed since the last accepted file:\nnew column \"Title\", and a great"
            + " many more words than any subject line could ever hold without being cut";
    org.titansync.guard.Verdict none = org.titansync.guard.Verdict.none();
    org.titansync.guard.Verdict verdict =
        new org.titansync.guard.Verdict(
            true,
            false,
            List.of(
                new org.titansync.guard.Reason(org.titansync.guard.Check.HEADER_CHANGE, longReason),
                new org.titansync.guard.Reason(
                    org.titansync.guard.Check.MAX_CREATIONS, "too many")),
            "",
            List.of(),
            java.util.Set.of(),
            none.figures(),
            none.tally(),
            none.window(),
            false,
            List.of(),
            "",
            List.of());
    RunSummary header =
        new RunSummary(
            "20261126-182507-abcd",
            Runs.INPUT,
            "2026-11-26T18:25:07+01:00",
            "2026-11-26T18:25:09+01:00",
            RunStatus.HELD,
            false,
            creates,
            Map.of(),
            List.of(longReason, "too many"),
            "held",
            List.of(),
            verdict);
    assertEquals(
        "Held for approval: the file's columns or format changed (and 1 other reason).",
        MailSubject.of(header));
  }

  @Test
  void theHtmlBodyEscapesEveryValueAndTheTextBodyShowsThemAsTheyAre() {
    RunMail mail = composer(false).render(Runs.applied());
    assertTrue(mail.html().contains("Ann &lt;b&gt;bold&lt;/b&gt;"), mail.html());
    assertTrue(
        mail.html().contains("O&#39;Hara &amp; Sons") || mail.html().contains("O'Hara &amp; Sons"),
        mail.html());
    assertFalse(mail.html().contains("<b>bold"), "raw markup from the data");
    assertTrue(
        mail.text()
            .contains(
                "Ann <b>bold</b> O'Hara & Sons gets a new account and joins Roosevelt Middle as"
                    + " Teacher [done]"),
        mail.text());
    assertFalse(mail.text().contains("&lt;"), mail.text());
    for (String body : List.of(mail.html(), mail.text())) {
      assertTrue(body.contains(Runs.applied().runId().substring(0, 8)), "run id");
      assertTrue(body.contains("José Núñez"), "names in any script survive");
      assertTrue(body.contains("Lincoln Elementary"), "grouped by school: " + body);
      assertTrue(body.contains("1 change for 1 person"), body);
      assertFalse(body.contains("create"), "no technical kinds: " + body);
      assertTrue(body.contains("APPLIED"), "the outcome at a glance: " + body);
    }
  }

  @Test
  void theDryRunAHeldMailOffersReadsTheRunsOwnCopyOfTheExport() throws Exception {
    // The daemon has moved the file out of the inbox by the time the mail is read: the command
    // names the copy the run kept, which plans the same rows again.
    RunSummary held = Runs.held();
    Path folder = new StateFolder(dir.resolve("logs")).folder(held.runId());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("input.csv"), "external_id\n");
    RunMail mail = composer(false).render(held);
    String dryRun =
        "titan-sync sync "
            + folder.resolve("input.csv")
            + " --dry-run --config /etc/titan-sync/config.toml";
    assertTrue(mail.text().contains("  " + dryRun + "\n"), mail.text());
    assertFalse(mail.text().contains("staff export.csv\" --dry-run"), mail.text());
  }

  @Test
  void aHeldMailNamesTheCauseAndGivesTheExactCommands() {
    RunSummary held = Runs.held();
    RunMail mail = composer(false).render(held);
    String approve = "titan-sync approve " + held.runId() + " --config /etc/titan-sync/config.toml";
    String dryRun =
        "titan-sync sync \"/srv/sis/staff export.csv\" --dry-run --config"
            + " /etc/titan-sync/config.toml";
    assertTrue(mail.text().contains("  " + approve + "\n"), mail.text());
    assertTrue(mail.text().contains("  " + dryRun + "\n"), mail.text());
    assertTrue(mail.text().contains("more than guardrails.max_removals (50)"), mail.text());
    assertTrue(mail.html().contains(approve), mail.html());
    assertTrue(mail.html().contains(dryRun.replace("\"", "&quot;")), mail.html());
    // 412 removals at one site: the first 50 are listed, the rest counted.
    assertTrue(mail.text().contains("and 362 more at this school"), mail.text());
    assertTrue(
        mail.text()
            .contains(
                "  - Removed Person 0 leaves Lincoln Elementary (Teacher): no longer in the export"
                    + " [waits for approval]"),
        mail.text());
    assertFalse(mail.text().contains("remove_membership"), mail.text());
  }

  @Test
  void rowErrorsAndConflictsAreListedWithTheirLines() {
    List<RowError> errors = new ArrayList<>();
    for (int line = 2; line < 2 + MailComposer.MAX_ROWS_LISTED + 5; line++) {
      errors.add(Runs.rowError(line));
    }
    Plan plan =
        Runs.plan(
            List.of(),
            errors,
            List.of(new Conflict("E4242", "sam@district.org", "u-7", 57, "email held by u-7")));
    RunSummary run =
        Runs.summary(RunStatus.NOTHING_TO_DO, false, plan, Map.of(), List.of(), "nothing to do");
    RunMail mail = composer(false).render(run);
    assertTrue(
        mail.text()
            .contains(
                "  - line 2, Row Person 2 (E302, x@) [email]: email \"x@\" is not an email"
                    + " address"),
        mail.text());
    assertTrue(mail.text().contains("  - and 5 more: see report.html"), mail.text());
    assertTrue(
        mail.text()
            .contains("  - line 57: Sam Conflict (E4242, sam@district.org): email held by u-7"),
        mail.text());
    assertTrue(
        mail.html().contains("<li>line 2, Row Person 2 (E302, x@) [email]: email &quot;x@&quot;"),
        mail.html());
    assertTrue(mail.text().contains("correct them in the SIS"), "what to do next");
  }

  @Test
  void theMessageIsMultipartAlternativeInUtf8WithoutAttachmentsByDefault() throws Exception {
    MailComposer c = composer(false);
    MimeMessage m = c.toMime(c.render(Runs.applied()));
    assertEquals("[titan-sync] Applied 2 changes.", m.getSubject());
    assertEquals(
        "titan-sync@district.org",
        ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
    assertEquals("it@district.org", m.getRecipients(Message.RecipientType.TO)[0].toString());
    assertEquals("safety@district.org", m.getRecipients(Message.RecipientType.CC)[0].toString());
    assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
    MimeMultipart alt = (MimeMultipart) m.getContent();
    assertTrue(alt.getContentType().startsWith("multipart/alternative"), alt.getContentType());
    assertEquals(2, alt.getCount());
    assertTrue(alt.getBodyPart(0).getContentType().matches("(?i)text/plain; charset=utf-8"));
    assertTrue(alt.getBodyPart(1).getContentType().matches("(?i)text/html; charset=utf-8"));
    assertTrue(((String) alt.getBodyPart(0).getContent()).contains("José Núñez"));
  }

  @Test
  void attachReportsAttachesTheHtmlAndJsonReports() throws Exception {
    RunSummary run = Runs.applied();
    StateFolder store = new StateFolder(dir.resolve("logs"));
    Path runDir = store.create(run.runId());
    new ReportWriter().writeResult(store, runDir, run);
    MailComposer c = composer(true);
    MimeMessage m = c.toMime(c.render(run));
    MimeMultipart mixed = (MimeMultipart) m.getContent();
    assertTrue(mixed.getContentType().startsWith("multipart/mixed"), mixed.getContentType());
    assertEquals(3, mixed.getCount());
    assertTrue(mixed.getBodyPart(0).getContentType().startsWith("multipart/alternative"));
    assertEquals("report.html", mixed.getBodyPart(1).getFileName());
    assertEquals(Part.ATTACHMENT, mixed.getBodyPart(1).getDisposition());
    assertEquals("result.json", mixed.getBodyPart(2).getFileName());
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    mixed.getBodyPart(2).getDataHandler().writeTo(json);
    assertEquals(
        Files.readString(runDir.resolve("result.json")), json.toString(StandardCharsets.UTF_8));
  }

  @Test
  void pathsInCommandsAreQuotedOnlyWhenTheyNeedIt() {
    assertEquals("/etc/titan-sync/config.toml", MailComposer.quote("/etc/titan-sync/config.toml"));
    assertEquals(
        "\"C:\\Titan Sync\\config.toml\"", MailComposer.quote("C:\\Titan Sync\\config.toml"));
    assertEquals("\"/srv/a \\\"b\\\" \\$HOME\"", MailComposer.quote("/srv/a \"b\" $HOME"));
  }
}
