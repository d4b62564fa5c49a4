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
        Path.of("/etc/titan-sync/config.toml"),
        new StateFolder(dir.resolve("logs")));
  }

  @Test
  void subjectsSayTheOutcome() {
    MailComposer c = composer(false);
    assertEquals("[titan-sync] 2 changes applied", c.subject(Runs.applied()));
    assertEquals("[titan-sync] HELD: 412 removals at Lincoln Elementary", c.subject(Runs.held()));
    assertEquals(
        "[titan-sync] PARTLY FAILED: 1 of 2 changes applied", c.subject(Runs.partlyFailed()));
    assertEquals("[titan-sync] FAILED: Titan unreachable", c.subject(Runs.unreachable()));
    assertEquals(
        "[titan-sync] no changes; 2 row errors",
        c.subject(Runs.nothingToDo(List.of(Runs.rowError(4), Runs.rowError(9)))));
    assertEquals("[titan-sync] dry run: 1 change would be made", c.subject(Runs.dryRun()));
    RunSummary refused =
        Runs.summary(RunStatus.REFUSED, false, null, Map.of(), List.of(), "no header line");
    assertEquals("[titan-sync] FAILED: staff export.csv refused", c.subject(refused));
  }

  @Test
  void aHeldSubjectNamesTheSitesOrFallsBackOnTheGuardrailsReason() {
    List<Change> spread = new ArrayList<>();
    spread.add(Runs.removal(1, "Lincoln Elementary"));
    spread.add(Runs.removal(2, "Roosevelt Middle"));
    Plan plan = Runs.plan(spread);
    RunSummary twoSites =
        Runs.summary(RunStatus.HELD, false, plan, Map.of(), List.of("too many"), "held");
    assertEquals("HELD: 2 removals at 2 sites", MailSubject.of(twoSites));

    Plan creates = Runs.plan(List.of(Runs.create("E1", "A", "B", "Lincoln Elementary")));
    RunSummary header =
        Runs.summary(
            RunStatus.HELD,
            false,
            creates,
            Map.of(),
            List.of("the header changed since the last accepted file:\nnew column \"Title\"", "x"),
            "held");
    assertEquals(
        "HELD: the header changed since the last accepted file: new column \"Title\" (and 1 more)",
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
    assertTrue(mail.text().contains("new user Ann <b>bold</b> O'Hara & Sons"), mail.text());
    assertFalse(mail.text().contains("&lt;"), mail.text());
    for (String body : List.of(mail.html(), mail.text())) {
      assertTrue(body.contains(Runs.applied().runId().substring(0, 8)), "run id");
      assertTrue(body.contains("Núñez"), "names in any script survive");
      assertTrue(body.contains("Lincoln Elementary (1)"), "grouped by site: " + body);
      assertTrue(body.contains("Roosevelt Middle (1)"), body);
    }
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
    assertTrue(mail.text().contains("and 362 more at this site"), mail.text());
    assertTrue(mail.text().contains("[held]"), mail.text());
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
    assertTrue(mail.text().contains("  - line 2 [email]: email \"x@\" is not an email address"));
    assertTrue(mail.text().contains("  - and 5 more: see report.html"), mail.text());
    assertTrue(mail.text().contains("  - line 57: E4242 <sam@district.org>: email held by u-7"));
    assertTrue(
        mail.html().contains("<li>line 2 [email]: email &quot;x@&quot; is not"), mail.html());
    assertTrue(mail.text().contains("fix them in the SIS"), "what to do next");
  }

  @Test
  void theMessageIsMultipartAlternativeInUtf8WithoutAttachmentsByDefault() throws Exception {
    MailComposer c = composer(false);
    MimeMessage m = c.toMime(c.render(Runs.applied()));
    assertEquals("[titan-sync] 2 changes applied", m.getSubject());
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
